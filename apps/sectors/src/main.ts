import 'reflect-metadata';
import { startService } from '#platform';
import { SectorsAppModule, servedSectors } from './sectors-app.module.js';

const sectors = servedSectors();
await startService({ name: `sectors-${sectors.join('-')}`, module: SectorsAppModule.forSectors(sectors) });
