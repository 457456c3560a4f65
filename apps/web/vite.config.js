import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The web console: built into dist/web, served by the gateway under /app/. Everything the page
 * loads is in the bundle (no CDN); file names carry their content hash, so the same lockfile and
 * sources give the same files.
 */
export default defineConfig({
  root: here('.'),
  base: '/app/',
  publicDir: false,
  resolve: {
    alias: {
      '#contracts/domain': here('../../libs/contracts/src/common/domain.ts'),
      '#contracts': here('../../libs/contracts/src/index.ts'),
    },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      // React Query marks its modules "use client" for server-component bundlers; a browser bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  logLevel: 'warn',
});
