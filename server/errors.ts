// Stigg-style API errors: a GraphQL error whose extensions carry a code, which the edge
// routes turn into an HTTP status.
import { GraphQLError } from 'graphql';

export type ErrorCode =
  | 'CustomerNotFound'
  | 'SubscriptionNotFound'
  | 'PlanNotFound'
  | 'AddonNotFound'
  | 'FeatureNotFound'
  | 'PromotionCodeNotFound'
  | 'Unauthenticated'
  | 'Forbidden'
  | 'InvalidArgument';

const STATUS: Record<ErrorCode, number> = {
  CustomerNotFound: 404,
  SubscriptionNotFound: 404,
  PlanNotFound: 404,
  AddonNotFound: 404,
  FeatureNotFound: 404,
  PromotionCodeNotFound: 400,
  Unauthenticated: 401,
  Forbidden: 403,
  InvalidArgument: 400,
};

export function apiError(code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, isValidationError: STATUS[code] === 400 } });
}

export function statusOfCode(code: string | undefined): number {
  return code && code in STATUS ? STATUS[code as ErrorCode] : 500;
}
