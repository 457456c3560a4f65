/** Architecture rules that fail the build: apps never import apps, libs never import apps, contracts stay transport-free. */
module.exports = {
  forbidden: [
    {
      name: 'no-app-to-app',
      comment: 'Services talk over NATS through libs/contracts, never by importing each other (the embedded launcher is the one exception).',
      severity: 'error',
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/embedded/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-lib-to-app',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'contracts-stay-plain',
      comment: 'libs/contracts is the only thing services share: no Nest runtime, no TypeORM.',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: '(@nestjs|typeorm)' },
    },
    {
      name: 'domain-is-pure',
      comment: 'Domain code (scoring, screening, validation rules) has no Nest, no TypeORM, no transport.',
      severity: 'error',
      from: { path: '/domain/' },
      to: { path: '(@nestjs|typeorm|@nats-io|pg$)' },
    },
    {
      name: 'web-speaks-rest-only',
      comment: 'The web console knows the services only through the REST API: it may take the contracts\' types, and the plain enumerations of contracts/common/domain.ts, nothing else.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^(apps/(?!web/)|libs/(?!contracts/))' },
    },
    {
      name: 'web-takes-contract-types-only',
      comment: 'Contracts hold class-validator DTOs; the bundle must not carry them, so the console imports their types (erased at build) and the dependency-free domain constants.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^libs/contracts/', pathNot: '^libs/contracts/src/common/domain\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$|\\.int-spec\\.ts$|\\.e2e-spec\\.ts$)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { conditionNames: ['types', 'import', 'default'], exportsFields: ['exports'] },
  },
};
