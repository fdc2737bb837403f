// The executable schema: the SDL file plus the resolvers.
import { readFileSync } from 'node:fs';
import { createSchema } from 'graphql-yoga';
import { resolvers, type GraphQLContext } from './resolvers';

export const SCHEMA_PATH = new URL('../schema.graphql', import.meta.url).pathname;

export function loadTypeDefs(): string {
  return readFileSync(SCHEMA_PATH, 'utf8');
}

export function buildSchema() {
  return createSchema<GraphQLContext>({ typeDefs: loadTypeDefs(), resolvers: resolvers as never });
}
