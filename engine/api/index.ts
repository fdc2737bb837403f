// The Stigg API layer of the engine: every async call besides entitlements.
export { createStiggApi, AUTHENTICATION_FAILED_MESSAGE, NO_CUSTOMER_MESSAGE, type ApiContext, type StiggApi, type StiggApiConfig } from './client';
export { withCustomerMethods } from './mappers/customer-methods';
export { HttpStatusError, RequestTimeoutError, isUnreachable } from './transport';
