import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStaticServer } from './static-server';

let port: number;
let spaPort: number;
const origin = () => `http://127.0.0.1:${port}`;

beforeAll(async () => {
  const parent = await mkdtemp(join(tmpdir(), 'gatehouse-static-'));
  const site = join(parent, 'site');
  await mkdir(join(site, 'assets'), { recursive: true });
  await writeFile(join(parent, 'secret.txt'), 'secret');
  await writeFile(join(site, 'index.html'), '<h1>hi</h1>');
  await writeFile(join(site, 'sw.js'), 'self;');
  await writeFile(join(site, 'assets', 'app-abc.js'), 'export {};');
  const server = createStaticServer(site);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const spa = createStaticServer(site, { spaFallback: true, json: { '/demo-emulator.json': { url: 'http://127.0.0.1:4000' } } });
  await new Promise<void>((resolve) => spa.listen(0, '127.0.0.1', resolve));
  spaPort = (spa.address() as AddressInfo).port;
  return async () => {
    server.close();
    spa.close();
    await rm(parent, { recursive: true, force: true });
  };
});

/** The status for a raw request path, which fetch() would normalise before sending. */
function rawStatus(path: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (response) => {
      response.resume();
      resolve(response.statusCode);
    })
      .on('error', reject)
      .end();
  });
}

describe('scripts/static-server', () => {
  it('serves a directory as its index.html, revalidated every time', async () => {
    const response = await fetch(`${origin()}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe('<h1>hi</h1>');
  });

  it('never lets the service worker script be cached stale', async () => {
    const response = await fetch(`${origin()}/sw.js`);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('marks hashed assets immutable', async () => {
    const response = await fetch(`${origin()}/assets/app-abc.js`);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it.each(['/missing.js', '/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00', '/%E0%A4%A'])(
    'answers 404 for %s',
    async (path) => {
      expect(await rawStatus(path)).toBe(404);
    },
  );

  it('with spaFallback, serves index.html for a deep link, still 404 for a missing file or an escape', async () => {
    const spa = `http://127.0.0.1:${spaPort}`;
    const deep = await fetch(`${spa}/some/route?x=1`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toBe('<h1>hi</h1>');
    expect((await fetch(`${spa}/missing.js`)).status).toBe(404);
    expect((await fetch(`${spa}/demo-emulator.json`)).headers.get('cache-control')).toBe('no-store');
    expect(await (await fetch(`${spa}/demo-emulator.json`)).json()).toEqual({ url: 'http://127.0.0.1:4000' });
    expect((await fetch(`${origin()}/some/route`)).status).toBe(404);
    expect((await fetch(`${origin()}/demo-emulator.json`)).status).toBe(404);
  });

  it('refuses writes', async () => {
    const response = await fetch(`${origin()}/`, { method: 'POST' });
    expect(response.status).toBe(405);
  });
});
