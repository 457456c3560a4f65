import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Where the web console is served; `/` redirects here. */
export const CONSOLE_PATH = '/app/';

/**
 * The page may load only what the gateway itself serves: the console needs no CDN, and a browser
 * on a closed network shows it the same. (React sets styles through the CSSOM, which style-src allows.)
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The built console (`vite build` writes it to `dist/web`): beside the compiled gateway, or under
 * the working directory when the gateway runs from its sources.
 */
export function consoleDirectory(): string | undefined {
  const candidates = [fileURLToPath(new URL('../../../../web', import.meta.url)), resolve('dist/web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

/**
 * Serves the web console's files under /app/, answers every other /app/ path with its index.html
 * (the console routes in the browser), and redirects `/` there. Without a built console, /app/
 * answers 404 saying how to build it; the API is unaffected either way.
 */
export function serveWebConsole(app: NestExpressApplication, directory = consoleDirectory()): void {
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (request.path === '/' || request.path === '/app') return response.redirect(302, CONSOLE_PATH);
    next();
  });
  if (!directory) {
    app.use(CONSOLE_PATH, (request: Request, response: Response, next: NextFunction) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return next();
      response.status(404).type('text/plain').send('The web console is not built: run `npm run build`.\n');
    });
    return;
  }
  app.useStaticAssets(directory, {
    prefix: CONSOLE_PATH,
    index: false,
    fallthrough: true,
    setHeaders: (response, path) => {
      // Vite names assets by their content: they never change under the same name.
      response.setHeader('Cache-Control', path.includes(`${join(directory, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      response.setHeader('X-Content-Type-Options', 'nosniff');
      response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    },
  });
  const index = join(directory, 'index.html');
  app.use(CONSOLE_PATH, (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    // A missing asset is a 404, not the page: only page routes fall back to index.html.
    if (request.path.startsWith('/assets/')) return response.status(404).type('text/plain').send('Not found\n');
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.sendFile(index);
  });
}
