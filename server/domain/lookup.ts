// Catalog lookups by id, throwing Stigg-style errors for unknown ids.
import type { Catalog, CatalogAddon, CatalogCoupon, CatalogFeature, CatalogPlan } from '../catalog';
import { apiError } from '../errors';

export class Lookup {
  private readonly features: Map<string, CatalogFeature>;
  private readonly plans: Map<string, CatalogPlan>;
  private readonly addons: Map<string, CatalogAddon>;

  constructor(readonly catalog: Catalog) {
    this.features = new Map(catalog.features.map((f) => [f.id, f]));
    this.plans = new Map(catalog.plans.map((p) => [p.id, p]));
    this.addons = new Map(catalog.addons.map((a) => [a.id, a]));
  }

  feature(id: string): CatalogFeature {
    const f = this.features.get(id);
    if (!f) throw apiError('FeatureNotFound', `Feature not found: ${id}`);
    return f;
  }

  plan(id: string): CatalogPlan {
    const p = this.plans.get(id);
    if (!p) throw apiError('PlanNotFound', `Plan not found: ${id}`);
    return p;
  }

  addon(id: string): CatalogAddon {
    const a = this.addons.get(id);
    if (!a) throw apiError('AddonNotFound', `Addon not found: ${id}`);
    return a;
  }

  /** The plan and its ancestors, the root plan first. */
  planChain(id: string): CatalogPlan[] {
    const chain: CatalogPlan[] = [];
    for (let p: CatalogPlan | undefined = this.plan(id); p; p = p.basePlanId ? this.plan(p.basePlanId) : undefined) {
      if (chain.includes(p)) throw new Error(`Plan inheritance cycle at ${p.id}`);
      chain.unshift(p);
    }
    return chain;
  }

  /** An active coupon by promotion code or id. */
  coupon(codeOrId: string): CatalogCoupon {
    const c = this.catalog.coupons.find((x) => x.status === 'ACTIVE' && (x.id === codeOrId || x.promotionCodes.includes(codeOrId)));
    if (!c) throw apiError('PromotionCodeNotFound', `Promotion code or coupon not found or not active: ${codeOrId}`);
    return c;
  }
}
