// The arguments of the public async calls, checked before anything runs: a wrong one
// is named in the error (`productId must be a string, got number`) instead of failing
// somewhere inside the call. Types as the official declarations give them; a field
// that is absent, undefined or null passes unless it is required.

/** s string, n number, b boolean, o object, a array, d Date or date string, r string or array of strings. */
type Kind = 's' | 'n' | 'b' | 'o' | 'a' | 'd' | 'r';
/** Field name, its kind, and `!` when required. */
type Spec = Record<string, `${Kind}${'' | '!'}`>;

const DRAFT: Spec = {
  customerId: 's',
  payingCustomerId: 's',
  resourceId: 's',
  planId: 's!',
  addons: 'a',
  startDate: 'd',
  billingPeriod: 's',
  billingCountryCode: 's',
  unitQuantity: 'n',
  billableFeatures: 'a',
  billingInformation: 'o',
  promotionCode: 's',
};

export const ARGUMENTS: Record<string, Spec | undefined> = {
  getPaywall: { productId: 's', resourceId: 's', context: 's', billingCountryCode: 's', includeHiddenPlans: 'b' },
  getCustomerPortal: { resourceId: 's', productId: 's' },
  getCheckoutState: { planId: 's!', billingCountryCode: 's', resourceId: 's' },
  applySubscription: {
    ...DRAFT,
    paymentMethodId: 's',
    billingId: 's',
    skipTrial: 'b',
    metadata: 'o',
    scheduleStrategy: 's',
  },
  fetchUsageHistory: { customerId: 's', resourceId: 's', featureId: 's!', startDate: 'd!', endDate: 'd' },
  getUsageHistoryV2: { customerId: 's', featureId: 's!', startDate: 'd!', endDate: 'd', resourceId: 's', environmentId: 's', groupBy: 'a' },
  estimateSubscription: { ...DRAFT, skipTrial: 'b' },
  estimateSubscriptionUpdate: { subscriptionId: 's!', unitQuantity: 'n', billableFeatures: 'a', addons: 'a', promotionCode: 's' },
  previewSubscription: { ...DRAFT, scheduleStrategy: 's' },
  getActiveSubscriptions: { resourceId: 'r' },
  getActiveSubscriptionsList: { resourceId: 'r' },
  getSubscription: { subscriptionId: 's!' },
  waitForCheckoutCompleted: { timeoutMs: 'n', refreshOnComplete: 'b' },
};

const EXPECTED: Record<Kind, string> = {
  s: 'a string',
  n: 'a finite number',
  b: 'a boolean',
  o: 'an object',
  a: 'an array',
  d: 'a Date or a date string',
  r: 'a string or an array of strings',
};

function fits(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case 's':
      return typeof value === 'string';
    case 'n':
      return typeof value === 'number' && Number.isFinite(value);
    case 'b':
      return typeof value === 'boolean';
    case 'o':
      return typeof value === 'object' && !Array.isArray(value);
    case 'a':
      return Array.isArray(value);
    case 'd':
      return typeof value === 'string' || (value instanceof Date && !Number.isNaN(value.getTime()));
    case 'r':
      return typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

/**
 * Throws a TypeError naming the first wrong argument of `method`'s parameter object
 * (`undefined` stands for `{}`). Methods without a spec take no parameters.
 */
export function checkArguments(method: string, params: unknown): void {
  const spec = ARGUMENTS[method];
  if (!spec || params === undefined) {
    if (spec && Object.values(spec).some((kind) => kind.endsWith('!'))) {
      throw new TypeError(`${method} needs a parameter object with ${requiredOf(spec).join(', ')}`);
    }
    return;
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new TypeError(`${method} takes a parameter object, got ${describe(params)}`);
  }
  for (const [field, rule] of Object.entries(spec)) {
    const value = (params as Record<string, unknown>)[field];
    const required = rule.endsWith('!');
    const kind = rule[0] as Kind;
    if (value === undefined || value === null) {
      if (required) throw new TypeError(`${field} is required (${EXPECTED[kind]})`);
      continue;
    }
    if (!fits(kind, value)) throw new TypeError(`${field} must be ${EXPECTED[kind]}, got ${describe(value)}`);
  }
}

const requiredOf = (spec: Spec) => Object.keys(spec).filter((field) => spec[field]!.endsWith('!'));
