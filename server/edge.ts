// The edge API: read-only JSON GETs answered with the same `{data}` shape as GraphQL, by
// executing a query that selects every field of the schema's type (cycles cut after two levels).
// The query text is built from the SDL here; execution goes through the GraphQL endpoint's
// executor, so one graphql-js instance runs every query.
import { createHash } from 'node:crypto';
import {
  buildSchema,
  getNamedType,
  isObjectType,
  isAbstractType,
  type GraphQLCompositeType,
  type GraphQLSchema,
} from 'graphql';
import { statusOfCode } from './errors';

export interface ExecutionJson {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}
export type Executor = (query: string, variables: Record<string, unknown>) => Promise<ExecutionJson>;

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

/** The slim subscription shape of the edge list, with its `planId`/`addonId` aliases. */
const SLIM_SUBSCRIPTION = `{ __typename subscriptionId status pricingType startDate currentBillingPeriodEnd trialEndDate
  customer { __typename customerId } payingCustomer { __typename customerId } resource { __typename resourceId }
  plan { __typename planId: refId displayName } addons { __typename quantity addon { __typename addonId: refId } }
  trialConfiguration { __typename trialEndBehavior } }`;

interface Route {
  pattern: RegExp;
  selection?: string;
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
    selection: SLIM_SUBSCRIPTION,
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

export function createEdge(typeDefs: string) {
  const schema = buildSchema(typeDefs);
  const queries = new Map<string, string>();
  const queryFor = (field: string, alias: string, args: string, fixed?: string) => {
    const key = `${alias}:${field}`;
    let q = queries.get(key);
    if (!q) {
      const rootField = schema.getQueryType()!.getFields()[field]!;
      const named = getNamedType(rootField.type) as GraphQLCompositeType;
      const inputArg = rootField.args[0];
      const varDecl = inputArg ? `($input: ${inputArg.type.toString()})` : '';
      q = `query Edge${varDecl} { ${alias}: ${field}${args} ${fixed ?? selection(schema, named, [named.name])} }`;
      queries.set(key, q);
    }
    return q;
  };

  return async function handleEdge(run: Executor, path: string, search: URLSearchParams, ifNoneMatch?: string): Promise<EdgeResponse> {
    const route = ROUTES.find((r) => r.pattern.test(path));
    if (!route) return { status: 404, body: JSON.stringify({ errors: [{ message: `No edge route for ${path}` }] }) };
    const { field, alias, args, variables } = route.query(path.match(route.pattern)!, search);
    const result = await run(queryFor(field, alias, args, route.selection), variables);
    if (result.errors?.length) {
      return { status: statusOfCode(result.errors[0]!.extensions?.code), body: JSON.stringify({ errors: result.errors }) };
    }
    const body = JSON.stringify({ data: result.data });
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return { status: 304, body: '', etag };
    return { status: 200, body, etag };
  };
}
