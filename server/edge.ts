// The edge API: read-only JSON GETs answered with the same `{data}` shape as GraphQL, by
// executing a query that selects every field of the schema's type (cycles cut after two levels).
import { createHash } from 'node:crypto';
import {
  execute,
  getNamedType,
  isObjectType,
  isAbstractType,
  parse,
  type GraphQLCompositeType,
  type GraphQLSchema,
} from 'graphql';
import { statusOf } from './errors';
import type { GraphQLContext } from './graphql/resolvers';

export interface EdgeResponse {
  status: number;
  body: string;
  etag?: string;
}

function selection(schema: GraphQLSchema, type: GraphQLCompositeType, path: string[]): string {
  if (isAbstractType(type)) {
    const members = schema.getPossibleTypes(type);
    return `{ __typename ${members.map((m) => `... on ${m.name} ${selection(schema, m, path)}`).join(' ')} }`;
  }
  const fields = Object.values(type.getFields()).flatMap((f) => {
    if (f.args.some((a) => a.type.toString().endsWith('!'))) return [];
    const named = getNamedType(f.type);
    if (!isObjectType(named) && !isAbstractType(named)) return [f.name];
    if (path.filter((p) => p === named.name).length >= 2) return [];
    return [`${f.name} ${selection(schema, named, [...path, named.name])}`];
  });
  return `{ __typename ${fields.join(' ')} }`;
}

interface Route {
  pattern: RegExp;
  query: (m: RegExpMatchArray, q: URLSearchParams) => { field: string; alias: string; args: string; variables: Record<string, unknown> };
}

const ROUTES: Route[] = [
  {
    pattern: /^\/v1\/config\/client-sdk-configuration\.json$/,
    query: () => ({ field: 'sdkConfiguration', alias: 'sdkConfiguration', args: '', variables: {} }),
  },
  {
    pattern: /^\/v1\/c\/([^/]+)\/entitlements\.json$/,
    query: (m, q) => ({
      field: 'cachedEntitlements',
      alias: 'entitlements',
      args: '(query: $input)',
      variables: { input: { customerId: decodeURIComponent(m[1]!), resourceId: q.get('resourceId') } },
    }),
  },
  {
    pattern: /^\/v1\/c\/([^/]+)\/subscriptions\.json$/,
    query: (m, q) => ({
      field: 'getActiveSubscriptions',
      alias: 'getActiveSubscriptions',
      args: '(input: $input)',
      variables: {
        input: { customerId: decodeURIComponent(m[1]!), resourceId: q.get('resourceId'), resourceIds: q.getAll('resourceIds').length ? q.getAll('resourceIds') : null },
      },
    }),
  },
  {
    pattern: /^\/v1(?:\/p\/([^/]+))?\/paywall\.json$/,
    query: (m, q) => ({
      field: 'paywall',
      alias: 'paywall',
      args: '(input: $input)',
      variables: {
        input: {
          productId: m[1] ? decodeURIComponent(m[1]) : null,
          billingCountryCode: q.get('billingCountryCode') || null,
          includeHiddenPlans: q.get('includeHiddenPlans') === 'true',
        },
      },
    }),
  },
];

export function isEdgePath(path: string): boolean {
  return ROUTES.some((r) => r.pattern.test(path));
}

export async function handleEdge(schema: GraphQLSchema, ctx: GraphQLContext, path: string, search: URLSearchParams, ifNoneMatch?: string): Promise<EdgeResponse> {
  for (const route of ROUTES) {
    const m = path.match(route.pattern);
    if (!m) continue;
    const { field, alias, args, variables } = route.query(m, search);
    const rootField = schema.getQueryType()!.getFields()[field]!;
    const named = getNamedType(rootField.type) as GraphQLCompositeType;
    const inputArg = rootField.args[0];
    const varDecl = inputArg ? `($input: ${inputArg.type.toString()})` : '';
    const doc = parse(`query Edge${varDecl} { ${alias}: ${field}${args} ${selection(schema, named, [named.name])} }`);
    const result = await execute({ schema, document: doc, variableValues: variables, contextValue: ctx });
    if (result.errors?.length) {
      const status = statusOf(result.errors[0]!.originalError ?? result.errors[0]);
      return { status: status === 500 ? statusOf(result.errors[0]) : status, body: JSON.stringify({ errors: result.errors.map((e) => e.toJSON()) }) };
    }
    const body = JSON.stringify({ data: result.data });
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return { status: 304, body: '', etag };
    return { status: 200, body, etag };
  }
  return { status: 404, body: JSON.stringify({ errors: [{ message: `No edge route for ${path}` }] }) };
}
