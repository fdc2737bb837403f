// Query and mutation resolvers. Every answer is computed from the catalog and the state.
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import type { SubscriptionRecord } from '../catalog';
import { activeSubscriptions, computeEntitlements, findCustomer } from '../domain/entitlements';
import { billingPeriodOf, firstBillingPeriod, prorate, recurringCharge, totals, type PriceConfig } from '../domain/pricing';
import { reportUsage, type ReportUsageInput } from '../domain/usage';
import { apiError } from '../errors';
import { activate } from '../state';
import { customerObj, entitlementObj, planObj, subscriptionObj, type Ctx } from './mappers';

export type Role = 'client' | 'server';
export interface GraphQLContext extends Ctx {
  role: Role;
}

type Args<T> = { input: T };

/** The operation's `extensions.idempotencyKey`, which yoga hands over in the context's params. */
function idempotencyKeyOf(ctx: GraphQLContext): string | undefined {
  const key = (ctx as { params?: { extensions?: { idempotencyKey?: unknown } } }).params?.extensions?.idempotencyKey;
  return typeof key === 'string' && key !== '' ? key : undefined;
}
interface CustomerScope {
  customerId: string;
  resourceId?: string | null;
  resourceIds?: string[] | null;
}
interface CouponInput {
  promotionCode?: string | null;
  appliedCoupon?: { couponId?: string | null; promotionCode?: string | null } | null;
}

const toIso = (v: unknown): string => {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number') return new Date(v).toISOString();
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(Date.parse(v)).toISOString();
  throw new TypeError(`Not a date: ${String(v)}`);
};

const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  serialize: toIso,
  parseValue: toIso,
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? toIso(ast.value) : undefined),
});

const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? ast.value : null),
});

function requireServerKey(ctx: GraphQLContext, operation: string): void {
  if (ctx.role !== 'server') {
    throw new GraphQLError(`${operation} needs a server API key; the client key cannot call it`, { extensions: { code: 'Forbidden', http: { status: 403 } } });
  }
}

function resourceScope(input: CustomerScope): string[] | undefined {
  if (input.resourceIds?.length) return input.resourceIds;
  return input.resourceId ? [input.resourceId] : undefined;
}

function couponFor(ctx: Ctx, input: CouponInput, fallbackCouponId?: string) {
  const code = input.appliedCoupon?.couponId ?? input.appliedCoupon?.promotionCode ?? input.promotionCode ?? fallbackCouponId;
  return code ? ctx.lookup.coupon(code) : null;
}

function findSubscription(ctx: Ctx, id: string): SubscriptionRecord {
  const s = ctx.store.data.subscriptions.find((x) => x.id === id);
  if (!s) throw apiError('SubscriptionNotFound', `Subscription not found: ${id}`);
  return s;
}

/** The customer's active subscription to the plan's product (for the resource), if any. */
function currentForProduct(ctx: Ctx, customerId: string, planId: string, resourceId?: string | null) {
  const product = ctx.lookup.plan(planId).productId;
  return ctx.store.data.subscriptions.find(
    (s) =>
      s.customerId === customerId &&
      s.status === 'ACTIVE' &&
      (s.resourceId ?? null) === (resourceId ?? null) &&
      ctx.lookup.plan(s.planId).productId === product,
  );
}

export interface EstimateInput extends CouponInput {
  customerId: string;
  planId: string;
  billingPeriod?: 'MONTHLY' | 'ANNUALLY' | null;
  addons?: PriceConfig['addons'];
  billableFeatures?: PriceConfig['billableFeatures'];
  billingCountryCode?: string | null;
  startDate?: string | null;
  resourceId?: string | null;
  billingInformation?: { taxPercentage?: number | null } | null;
}

function estimate(ctx: Ctx, input: EstimateInput) {
  findCustomer(ctx.store.data, input.customerId);
  const cfg: PriceConfig = { ...input, billingPeriod: input.billingPeriod ?? 'MONTHLY' };
  const start = input.startDate ? Date.parse(input.startDate) : ctx.store.now();
  const charge = recurringCharge(ctx.lookup, cfg);
  const t = totals(charge, couponFor(ctx, input), input.billingInformation?.taxPercentage);
  const range = firstBillingPeriod(cfg.billingPeriod, start);
  return {
    ...t,
    billingPeriodRange: range,
    proration: { prorationDate: start, credit: { amount: 0, currency: charge.currency }, debit: t.totalExcludingTax, netAmount: t.totalExcludingTax, hasProrations: false },
    subscription: t,
    isPlanDowngrade: false,
    hasScheduledUpdates: false,
  };
}

interface EstimateUpdateInput extends CouponInput {
  subscriptionId: string;
  addons?: PriceConfig['addons'];
  billableFeatures?: PriceConfig['billableFeatures'];
}

function estimateUpdate(ctx: Ctx, input: EstimateUpdateInput) {
  const sub = findSubscription(ctx, input.subscriptionId);
  const now = ctx.store.now();
  const period = billingPeriodOf(sub.billingPeriod, Date.parse(sub.startDate), now);
  const oldCharge = recurringCharge(ctx.lookup, sub);
  const newCharge = recurringCharge(ctx.lookup, {
    ...sub,
    addons: input.addons ?? sub.addons,
    billableFeatures: input.billableFeatures ?? sub.billableFeatures,
  });
  const coupon = couponFor(ctx, input, sub.couponId);
  const proration = prorate(oldCharge, newCharge, period, now);
  return {
    ...totals(proration.netAmount, coupon, null),
    billingPeriodRange: period,
    proration,
    subscription: totals(newCharge, coupon, null),
    isPlanDowngrade: newCharge.amount < oldCharge.amount,
    hasScheduledUpdates: false,
  };
}

function invoice(t: ReturnType<typeof totals>) {
  return { ...t, discount: t.discountAmount, discountDetails: t.discount };
}

function preview(ctx: Ctx, input: EstimateInput) {
  findCustomer(ctx.store.data, input.customerId);
  const now = ctx.store.now();
  const cfg: PriceConfig = { ...input, billingPeriod: input.billingPeriod ?? 'MONTHLY' };
  const newCharge = recurringCharge(ctx.lookup, cfg);
  const coupon = couponFor(ctx, input);
  const tax = input.billingInformation?.taxPercentage;
  const current = currentForProduct(ctx, input.customerId, input.planId, input.resourceId);
  const period = current ? billingPeriodOf(current.billingPeriod, Date.parse(current.startDate), now) : firstBillingPeriod(cfg.billingPeriod, now);
  const oldCharge = current ? recurringCharge(ctx.lookup, current) : { amount: 0, currency: newCharge.currency };
  const proration = current ? prorate(oldCharge, newCharge, period, now) : null;
  return {
    immediateInvoice: { ...invoice(totals(proration ? proration.netAmount : newCharge, coupon, tax)), proration, credits: null },
    recurringInvoice: invoice(totals(newCharge, coupon, tax)),
    billingPeriodRange: period,
    isPlanDowngrade: newCharge.amount < oldCharge.amount,
    hasScheduledUpdates: false,
  };
}

export function newSubscriptionId(planId: string): string {
  return `subscription-${planId}-${Math.random().toString(16).slice(2, 8)}`;
}

/** Validates an applySubscription input and builds the subscription, without activating it. */
export function buildSubscription(ctx: Ctx, input: EstimateInput): SubscriptionRecord {
  findCustomer(ctx.store.data, input.customerId);
  const plan = ctx.lookup.plan(input.planId);
  const sub: SubscriptionRecord = {
    id: newSubscriptionId(plan.id),
    customerId: input.customerId,
    planId: plan.id,
    ...(input.resourceId ? { resourceId: input.resourceId } : {}),
    billingPeriod: input.billingPeriod ?? 'MONTHLY',
    startDate: new Date(input.startDate ? Date.parse(input.startDate) : ctx.store.now()).toISOString(),
    status: 'ACTIVE',
    addons: (input.addons ?? []).map((a) => ({ addonId: a.addonId, quantity: a.quantity ?? 1 })),
    billableFeatures: input.billableFeatures ?? [],
  };
  const coupon = couponFor(ctx, input);
  if (coupon) sub.couponId = coupon.id;
  recurringCharge(ctx.lookup, sub); // validates addons and billable quantities
  return sub;
}

export function applySubscription(ctx: Ctx, input: EstimateInput): SubscriptionRecord {
  const sub = buildSubscription(ctx, input);
  ctx.store.update((d) => activate(d, sub, ctx.store.now(), ctx.lookup.catalog));
  return sub;
}

export const resolvers = {
  DateTime,
  JSON: JSONScalar,
  ResetPeriodConfiguration: {
    __resolveType: (v: Record<string, unknown>) =>
      'monthlyAccordingTo' in v ? 'MonthlyResetPeriodConfig' : 'weeklyAccordingTo' in v ? 'WeeklyResetPeriodConfig' : 'YearlyResetPeriodConfig',
  },
  ScheduleVariables: { __resolveType: () => 'PlanChangeVariables' },
  Query: {
    sdkConfiguration: (_: unknown, __: unknown, ctx: GraphQLContext) => ({
      sentryDsn: null,
      isWidgetWatermarkEnabled: !!ctx.lookup.catalog.environment.isWidgetWatermarkEnabled,
    }),
    cachedEntitlements: (_: unknown, { query }: { query: CustomerScope }, ctx: GraphQLContext) =>
      computeEntitlements(ctx.lookup, ctx.store.data, query.customerId, query.resourceId ?? null, ctx.store.now()).map((e) => entitlementObj(ctx, e)),
    paywall: (_: unknown, { input }: Args<PaywallInput>, ctx: GraphQLContext) => paywall(ctx, input),
    mockPaywall: (_: unknown, { input }: Args<PaywallInput>, ctx: GraphQLContext) => {
      const p = paywall(ctx, input);
      return { plans: p.plans, configuration: null };
    },
    getCustomerByRefId: (_: unknown, { input }: Args<{ customerId: string }>, ctx: GraphQLContext) =>
      customerObj(ctx, findCustomer(ctx.store.data, input.customerId)),
    getActiveSubscriptions: (_: unknown, { input }: Args<CustomerScope>, ctx: GraphQLContext) => {
      findCustomer(ctx.store.data, input.customerId);
      const scope = resourceScope(input);
      return activeSubscriptions(ctx.store.data, input.customerId, scope)
        .filter((s) => !scope || (s.resourceId && scope.includes(s.resourceId)))
        .map((s) => subscriptionObj(ctx, s));
    },
    getSubscription: (_: unknown, { input }: Args<{ subscriptionId: string }>, ctx: GraphQLContext) =>
      subscriptionObj(ctx, findSubscription(ctx, input.subscriptionId)),
    coupons: (_: unknown, args: { filter?: { status?: { eq?: string } } }, ctx: GraphQLContext) => ({
      edges: ctx.lookup.catalog.coupons
        .filter((c) => !args.filter?.status?.eq || c.status === args.filter.status.eq)
        .map((c) => ({
          node: {
            id: c.id,
            refId: c.id,
            name: c.name,
            description: c.description ?? null,
            type: c.type,
            discountValue: c.type === 'PERCENTAGE' ? (c.percentOff ?? 0) : (c.amountsOff?.[0]?.amount ?? 0),
            percentOff: c.percentOff ?? null,
            amountsOff: c.amountsOff ?? null,
            status: c.status,
            additionalMetaData: c.metadata ?? null,
            createdAt: 0,
            updatedAt: 0,
            syncStates: [],
          },
        })),
    }),
    customerPortal: (_: unknown, { input }: Args<CustomerScope & { productId?: string | null }>, ctx: GraphQLContext) => {
      const customer = findCustomer(ctx.store.data, input.customerId);
      const now = ctx.store.now();
      const subs = activeSubscriptions(ctx.store.data, customer.id, resourceScope(input)).filter(
        (s) => !input.productId || ctx.lookup.plan(s.planId).productId === input.productId,
      );
      return {
        subscriptions: subs.map((s) => {
          const plan = ctx.lookup.plan(s.planId);
          const so = subscriptionObj(ctx, s);
          return {
            subscriptionId: s.id,
            planId: plan.id,
            planName: plan.displayName,
            pricingType: plan.pricingType,
            prices: [],
            pricing: { pricingType: plan.pricingType, billingPeriod: s.billingPeriod, unitQuantity: null, price: (so.totalPrice as { total: unknown }).total },
            status: s.status,
            billingPeriodRange: billingPeriodOf(s.billingPeriod, Date.parse(s.startDate), now),
            totalPrice: so.totalPrice,
            addons: (s.addons ?? []).map((a) => {
              const addon = ctx.lookup.addon(a.addonId);
              return { addonId: addon.id, displayName: addon.displayName, description: addon.description ?? null, quantity: a.quantity };
            }),
            scheduledUpdates: [],
          };
        }),
        entitlements: computeEntitlements(ctx.lookup, ctx.store.data, customer.id, input.resourceId ?? null, now).map((e) => entitlementObj(ctx, e)),
        promotionalEntitlements: [],
        billingInformation: {
          email: customer.email ?? null,
          name: customer.name ?? null,
          defaultPaymentMethodLast4Digits: customer.paymentMethod?.last4 ?? null,
          defaultPaymentExpirationMonth: customer.paymentMethod?.expirationMonth ?? null,
          defaultPaymentExpirationYear: customer.paymentMethod?.expirationYear ?? null,
        },
        showWatermark: !!ctx.lookup.catalog.environment.isWidgetWatermarkEnabled,
        // Under a reserved host, so tests can search storage for it (it must never be stored).
        billingPortalUrl: `https://billing.emulator.invalid/portal/${encodeURIComponent(customer.id)}`,
        canUpgradeSubscription: true,
        configuration: null,
        resource: input.resourceId ? { resourceId: input.resourceId } : null,
      };
    },
    checkoutState: (_: unknown, { input }: Args<{ customerId: string; planId: string; resourceId?: string | null; billingCountryCode?: string | null }>, ctx: GraphQLContext) => {
      const customer = findCustomer(ctx.store.data, input.customerId);
      const plan = ctx.lookup.plan(input.planId);
      const current = currentForProduct(ctx, customer.id, plan.id, input.resourceId);
      return {
        configuration: null,
        setupSecret: `seti_emulator_${customer.id}`,
        customer: customerObj(ctx, customer),
        activeSubscription: current ? subscriptionObj(ctx, current) : null,
        resource: input.resourceId ? { resourceId: input.resourceId } : null,
        plan: planObj(ctx, plan, input.billingCountryCode),
        billingIntegration: { billingIdentifier: 'STRIPE', credentials: { accountId: 'acct_emulator', publicKey: 'pk_test_emulator' } },
      };
    },
    usageHistory: (_: unknown, { usageHistoryInput: i }: { usageHistoryInput: { customerRefId: string; featureRefId: string; resourceRefId?: string | null; startDate: string } }, ctx: GraphQLContext) => {
      const points = usagePoints(ctx, i.customerRefId, i.featureRefId, i.resourceRefId, i.startDate);
      return { startDate: i.startDate, endDate: ctx.store.now(), markers: [], usageMeasurements: points, groups: [] };
    },
    usageHistoryV2: (_: unknown, { input: i }: Args<{ customerId: string; featureId: string; resourceId?: string | null; startDate: string }>, ctx: GraphQLContext) => ({
      markers: [],
      series: [{ tags: [], points: usagePoints(ctx, i.customerId, i.featureId, i.resourceId, i.startDate).map((p) => ({ timestamp: p.date, value: p.value, isResetPoint: p.isResetPoint })) }],
    }),
  },
  Mutation: {
    reportEntitlementCheckRequested: (_: unknown, args: { entitlementCheckRequested: unknown }, ctx: GraphQLContext) => {
      const idempotencyKey = idempotencyKeyOf(ctx);
      if (idempotencyKey && ctx.store.checks.some((check) => check.idempotencyKey === idempotencyKey)) return true;
      ctx.store.checks.push({
        at: new Date().toISOString(),
        input: args.entitlementCheckRequested,
        ...(idempotencyKey ? { idempotencyKey } : {}),
      });
      return true;
    },
    reportUsage: (_: unknown, { input }: Args<ReportUsageInput>, ctx: GraphQLContext) => {
      requireServerKey(ctx, 'reportUsage');
      const m = reportUsage(ctx.lookup, ctx.store, input);
      return { ...m, nextResetDate: m.usagePeriodEnd };
    },
    applySubscription: (_: unknown, { input }: Args<EstimateInput>, ctx: GraphQLContext) => {
      const sub = applySubscription(ctx, input);
      return {
        subscription: subscriptionObj(ctx, sub),
        entitlements: computeEntitlements(ctx.lookup, ctx.store.data, sub.customerId, sub.resourceId ?? null, ctx.store.now()).map((e) => entitlementObj(ctx, e)),
      };
    },
    estimateSubscription: (_: unknown, { input }: Args<EstimateInput>, ctx: GraphQLContext) => estimate(ctx, input),
    estimateSubscriptionUpdate: (_: unknown, { input }: Args<EstimateUpdateInput>, ctx: GraphQLContext) => estimateUpdate(ctx, input),
    previewSubscription: (_: unknown, { input }: Args<EstimateInput>, ctx: GraphQLContext) => preview(ctx, input),
  },
};

function usagePoints(ctx: Ctx, customerId: string, featureId: string, resourceId: string | null | undefined, startDate: string) {
  const e = computeEntitlements(ctx.lookup, ctx.store.data, customerId, resourceId ?? null, ctx.store.now()).find((x) => x.featureId === featureId);
  const start = e?.period?.start ?? Date.parse(startDate);
  return [
    { date: start, value: 0, isResetPoint: e?.period != null },
    { date: ctx.store.now(), value: e?.currentUsage ?? 0, isResetPoint: false },
  ];
}

export interface PaywallInput {
  productId?: string | null;
  customerId?: string | null;
  resourceId?: string | null;
  billingCountryCode?: string | null;
  includeHiddenPlans?: boolean | null;
}

export function paywall(ctx: Ctx, input: PaywallInput) {
  const plans = ctx.lookup.catalog.plans
    .filter((p) => (!input.productId || p.productId === input.productId) && (input.includeHiddenPlans || !p.hidden))
    .sort((a, b) => a.order - b.order);
  const planObjs = plans.map((p) => planObj(ctx, p, input.billingCountryCode));
  const customer = input.customerId ? findCustomer(ctx.store.data, input.customerId) : null;
  const currency = (planObjs.flatMap((p) => p.prices as { price: { currency: string } }[])[0]?.price.currency ?? 'USD') as string;
  return {
    plans: planObjs,
    currency: { code: currency, symbol: currency === 'EUR' ? '€' : '$' },
    configuration: null,
    customer: customer ? customerObj(ctx, customer) : null,
    activeSubscriptions: customer
      ? activeSubscriptions(ctx.store.data, customer.id, input.resourceId ? [input.resourceId] : undefined).map((s) => subscriptionObj(ctx, s))
      : null,
    resource: input.resourceId ? { resourceId: input.resourceId } : null,
    paywallCalculatedPricePoints: plans.flatMap((p) =>
      (['MONTHLY', 'ANNUALLY'] as const).flatMap((period) => {
        try {
          const q = p.prices.filter((x) => x.billingModel === 'PER_UNIT').map((x) => ({ featureId: x.featureId!, quantity: 1 }));
          const charge = recurringCharge(ctx.lookup, { planId: p.id, billingPeriod: period, billableFeatures: q, billingCountryCode: input.billingCountryCode });
          if (!p.prices.some((x) => x.billingPeriod === period)) return [];
          return [{ planId: p.id, billingPeriod: period, amount: charge.amount, currency: charge.currency, additionalChargesMayApply: q.length > 0, billingCountryCode: input.billingCountryCode ?? null }];
        } catch {
          return [];
        }
      }),
    ),
  };
}

