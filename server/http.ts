// The HTTP front: CORS, API-key auth, request counting, faults, then the edge GETs, the
// GraphQL endpoint (graphql-yoga, batching on) or the test controls.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createYoga } from 'graphql-yoga';
import { parse, type OperationDefinitionNode } from 'graphql';
import type { Catalog } from './catalog';
import { handleControl, isControlPath, type ControlDeps } from './controls';
import { createEdge, isEdgePath, type ExecutionJson } from './edge';
import { applyFaults } from './faults';
import { buildSchema, loadTypeDefs } from './graphql/schema';
import type { GraphQLContext, Role } from './graphql/resolvers';

const CORS_HEADERS = {
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers':
    'X-API-KEY, X-CUSTOMER-KEY, x-graphql-operation-name, source, apollographql-client-name, apollographql-client-version, X-API-VERSION, If-None-Match, content-type',
  'access-control-expose-headers': 'ETag, Retry-After, Date',
  'access-control-max-age': '600',
};

function roleOf(catalog: Catalog, key: string | undefined): Role | null {
  if (!key) return null;
  if (catalog.environment.serverKeys.includes(key)) return 'server';
  if (catalog.environment.clientKeys.includes(key)) return 'client';
  return null;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

/** Operation names of a GraphQL POST body (one per batched entry); unparseable bodies count as "invalid". */
export function operationNames(body: Buffer, header: string | undefined): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return ['invalid'];
  }
  const entries = Array.isArray(parsed) ? parsed : [parsed];
  return entries.map((e) => {
    const entry = e as { operationName?: unknown; query?: unknown } | null;
    if (typeof entry?.operationName === 'string' && entry.operationName) return entry.operationName;
    try {
      const op = parse(String(entry?.query ?? '')).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
      if (op?.name) return op.name.value;
    } catch {
      // counted below
    }
    return header || 'anonymous';
  });
}

export function createEmulatorServer(deps: ControlDeps): Server {
  const { store, lookup, log, faults } = deps;
  const schema = buildSchema();
  const yoga = createYoga<GraphQLContext>({
    schema,
    batching: { limit: 50 },
    maskedErrors: false,
    logging: false,
    graphiql: false,
    landingPage: false,
    cors: false,
  });

  const runAs = (ctx: GraphQLContext) => async (query: string, variables: Record<string, unknown>) => {
    const request = new Request('http://emulator/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await (await yoga.fetch(request, ctx)).json()) as ExecutionJson;
  };
  const handleEdge = createEdge(loadTypeDefs());

  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const path = url.pathname;
    const origin = req.headers.origin;
    for (const [k, v] of Object.entries(CORS_HEADERS)) res.setHeader(k, v);
    res.setHeader('access-control-allow-origin', origin ?? '*');
    res.setHeader('vary', 'Origin');
    // The emulated clock (PUT /_emulator/clock) is the server's: its Date header follows it.
    res.setHeader('date', new Date(store.now()).toUTCString());
    try {
      if (req.method === 'OPTIONS') {
        res.writeHead(204).end();
        return;
      }
      if (isControlPath(path)) {
        const raw = await readBody(req);
        let body: unknown = null;
        if (raw.length) {
          try {
            body = JSON.parse(raw.toString('utf8'));
          } catch {
            sendJson(res, 400, { error: 'Control request body is not valid JSON' });
            return;
          }
        }
        const result = handleControl(deps, req.method ?? 'GET', path, body);
        if (result.status === 204) res.writeHead(204).end();
        else sendJson(res, result.status, result.body);
        return;
      }

      const isGraphql = path === '/graphql';
      const isEdge = req.method === 'GET' && isEdgePath(path);
      const raw = isGraphql ? await readBody(req) : Buffer.alloc(0);
      if (isGraphql && req.method === 'POST') {
        for (const name of operationNames(raw, req.headers['x-graphql-operation-name'] as string | undefined)) log.record(name);
      } else log.record(`${req.method} ${path}`);

      if (!isGraphql && !isEdge) {
        sendJson(res, 404, { errors: [{ message: `Not found: ${req.method} ${path}` }] });
        return;
      }
      if (await applyFaults(faults.current, isGraphql ? 'graphql' : 'edge', req, res)) return;

      const role = roleOf(lookup.catalog, req.headers['x-api-key'] as string | undefined);
      if (!role) {
        const message = req.headers['x-api-key']
          ? 'Unauthorized: unknown API key (X-API-KEY). Use a key from the emulator catalog, e.g. client-demo-key.'
          : 'Unauthorized: missing X-API-KEY header.';
        sendJson(res, 401, { errors: [{ message, extensions: { code: 'Unauthenticated' } }] });
        return;
      }
      store.settleCheckouts();
      const ctx: GraphQLContext = { store, lookup, role };

      if (isEdge) {
        const ifNoneMatch = req.headers['if-none-match'];
        const r = await handleEdge(runAs(ctx), path, url.searchParams, ifNoneMatch);
        const headers: Record<string, string> = { 'cache-control': 'no-cache' };
        if (r.etag) headers.etag = r.etag;
        if (r.status === 304) {
          res.writeHead(304, headers).end();
          return;
        }
        res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(r.body);
        return;
      }

      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const request = new Request(`http://emulator${req.url}`, { method: req.method, headers, body: req.method === 'POST' ? new Uint8Array(raw) : undefined });
      const response = await yoga.fetch(request, ctx);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (e) {
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: `Emulator error: ${(e as Error).message}` }] });
      else res.end();
    }
  });
}
