// A small static file server for built sites. It exists (rather than `vite preview`) to
// control caching: the service worker script and HTML must always revalidate, while
// hashed assets are immutable.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticServerOptions {
  /** A single-page app: a path naming no file and no extension gets the root index.html (deep links). */
  spaFallback?: boolean;
  /** JSON documents served at these paths (never cached), before the files. */
  json?: Record<string, unknown>;
}

export function createStaticServer(rootDir: string, options: StaticServerOptions = {}): Server {
  const root = resolve(rootDir);
  return createServer(async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (options.json && Object.hasOwn(options.json, pathname)) {
      response.writeHead(200, { 'Content-Type': CONTENT_TYPES['.json']!, 'Cache-Control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : JSON.stringify(options.json[pathname]));
      return;
    }
    let file = await resolveFile(root, pathname).catch(() => null);
    if (file === null && options.spaFallback && extname(pathname) === '') file = await resolveFile(root, '/index.html');
    if (file === null) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (request.method === 'HEAD') response.end();
    // A file removed mid-response (a rebuild) ends the response instead of the server.
    else createReadStream(file).on('error', () => response.destroy()).pipe(response);
  });
}

/** The file a URL path names under root (a directory means its index.html), or null. */
async function resolveFile(root: string, pathname: string): Promise<string | null> {
  let relative: string;
  try {
    relative = normalize(decodeURIComponent(pathname));
  } catch {
    return null;
  }
  const candidate = join(root, relative);
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  const info = await stat(candidate).catch(() => null);
  if (info?.isFile()) return candidate;
  if (info?.isDirectory()) return resolveFile(root, join(relative, 'index.html'));
  return null;
}
