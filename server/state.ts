// The emulator's mutable state: customers, subscriptions, usage, pending checkouts and the
// clock offset, seeded from the catalog. With a data file every change is persisted
// atomically (temp file + rename), so a crash leaves either the old or the new file.
import { existsSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import type { Catalog, CustomerRecord, SubscriptionRecord } from './catalog';

export interface UsageRecord {
  value: number;
  /** Start of the period the value counts, or null for usage that never resets. */
  periodStart: number | null;
  updatedAt: number;
}

export interface PendingCheckout {
  subscription: SubscriptionRecord;
  /** Real (not offset) epoch ms at which the checkout completes. */
  completesAt: number;
}

export interface EntitlementCheck {
  at: string;
  input: unknown;
  /** From the request's `extensions.idempotencyKey`: a resent report is logged once. */
  idempotencyKey?: string;
}

export interface StateData {
  customers: CustomerRecord[];
  subscriptions: SubscriptionRecord[];
  usage: Record<string, UsageRecord>;
  pendingCheckouts: PendingCheckout[];
  /** Epoch ms per customer of the last change to its subscriptions. */
  entitlementsUpdatedAt: Record<string, number>;
  clockOffsetMs: number;
}

export const usageKey = (customerId: string, featureId: string, resourceId?: string | null) =>
  `${customerId}|${resourceId ?? ''}|${featureId}`;

function seed(catalog: Catalog): StateData {
  const data: StateData = {
    customers: structuredClone(catalog.customers),
    subscriptions: structuredClone(catalog.subscriptions),
    usage: {},
    pendingCheckouts: [],
    entitlementsUpdatedAt: {},
    clockOffsetMs: 0,
  };
  for (const c of catalog.customers) data.entitlementsUpdatedAt[c.id] = Date.parse(c.updatedAt);
  for (const u of catalog.usage ?? []) {
    data.usage[usageKey(u.customerId, u.featureId, u.resourceId)] = { value: u.value, periodStart: null, updatedAt: 0 };
  }
  return data;
}

export class Store {
  data: StateData;
  /** ReportEntitlementCheckRequested payloads, newest last (not persisted). */
  readonly checks: EntitlementCheck[] = [];

  constructor(
    readonly catalog: Catalog,
    private readonly dataPath?: string,
  ) {
    this.data = dataPath && existsSync(dataPath) ? (JSON.parse(readFileSync(dataPath, 'utf8')) as StateData) : seed(catalog);
    this.persist();
  }

  /** The emulated time: real time plus the test clock offset. */
  now(): number {
    return Date.now() + this.data.clockOffsetMs;
  }

  setClockOffset(offsetMs: number): void {
    this.data.clockOffsetMs = offsetMs;
    this.persist();
  }

  reset(): void {
    this.data = seed(this.catalog);
    this.checks.length = 0;
    this.persist();
  }

  /** Applies a change and persists it. */
  update<T>(change: (data: StateData) => T): T {
    const result = change(this.data);
    this.persist();
    return result;
  }

  /** Activates the checkouts whose delay has passed. */
  settleCheckouts(): void {
    const due = this.data.pendingCheckouts.filter((p) => p.completesAt <= Date.now());
    if (!due.length) return;
    this.update((d) => {
      d.pendingCheckouts = d.pendingCheckouts.filter((p) => !due.includes(p));
      for (const p of due) activate(d, p.subscription, this.now(), this.catalog);
    });
  }

  private persist(): void {
    if (!this.dataPath) return;
    const tmp = `${this.dataPath}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeFileSync(fd, JSON.stringify(this.data));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.dataPath);
  }
}

/**
 * Makes `sub` the active subscription of its customer for its product and resource: an
 * earlier active subscription to a plan of the same product is canceled.
 */
export function activate(d: StateData, sub: SubscriptionRecord, now: number, catalog: Catalog): void {
  const product = (planId: string) => catalog.plans.find((p) => p.id === planId)?.productId;
  for (const other of d.subscriptions) {
    if (
      other.customerId === sub.customerId &&
      (other.resourceId ?? null) === (sub.resourceId ?? null) &&
      other.status === 'ACTIVE' &&
      product(other.planId) === product(sub.planId)
    ) {
      other.status = 'CANCELED';
    }
  }
  d.subscriptions.push(sub);
  d.entitlementsUpdatedAt[sub.customerId] = now;
}
