// A server-rendered React app on Gatehouse: for each page, the server fetches the customer's
// entitlements from Stigg's edge endpoint with the client API key (the bootstrap), renders
// the gates with react-dom/server, and hands the same props to the browser to hydrate.
// `npm run build && npx tsx examples/react-ssr/build.ts && npx tsx examples/react-ssr/server.ts`
// with the emulator running (`npm run emulator`); `?customerId=` picks the customer and
// `?bootstrap=0` renders without a bootstrap.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import type { Bootstrap } from 'gatehouse';
import { App, type AppProps } from './app';

const here = fileURLToPath(new URL('.', import.meta.url));
export const CLIENT_DIR = join(here, 'dist');
const SERVICE_WORKER = join(here, '../../dist/sw/sw.js');

export interface ExampleOptions {
  apiUrl: string;
  apiKey?: string;
}

/** The edge endpoint's body, fetched as the official SDK does, with its fetch time. */
async function fetchBootstrap(apiUrl: string, apiKey: string, customerId: string): Promise<Bootstrap | null> {
  try {
    const response = await fetch(`${apiUrl}/v1/c/${encodeURIComponent(customerId)}/entitlements.json`, { headers: { 'X-API-KEY': apiKey } });
    if (!response.ok) return null;
    return { customerId, entitlements: await response.json(), fetchedAt: Date.now() };
  } catch {
    return null; // the page renders with fallbacks and loads in the browser
  }
}

/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function createExampleServer({ apiUrl, apiKey = 'client-demo-key' }: ExampleOptions): Server {
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/sw.js' || url.pathname.startsWith('/assets/')) {
        const file = url.pathname === '/sw.js' ? SERVICE_WORKER : join(CLIENT_DIR, url.pathname.replace(/\.\./g, ''));
        res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(readFileSync(file));
        return;
      }
      if (url.pathname !== '/') {
        res.writeHead(404).end();
        return;
      }
      const customerId = url.searchParams.get('customerId') ?? 'customer-demo-01';
      const bootstrap = url.searchParams.get('bootstrap') === '0' ? null : await fetchBootstrap(apiUrl, apiKey, customerId);
      const props: AppProps = { apiUrl, apiKey, customerId, bootstrap };
      const html = renderToString(h(App, props));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(
        `<!doctype html><html><head><meta charset="utf-8"><title>Gatehouse SSR example</title><link rel="icon" href="data:,"></head><body>` +
          `<div id="root">${html}</div>` +
          `<script>window.__APP_PROPS__ = ${scriptJson(props)}</script>` +
          `<script type="module" src="/assets/client.js"></script></body></html>`,
      );
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const apiUrl = process.env.STIGG_API_URL ?? 'http://127.0.0.1:3060';
  const port = Number(process.env.PORT ?? 4400);
  createExampleServer({ apiUrl }).listen(port, '127.0.0.1', () => console.log(`Gatehouse SSR example: http://127.0.0.1:${port}/ (API ${apiUrl})`));
}
