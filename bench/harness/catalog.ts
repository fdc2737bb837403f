// A catalog with many features, all on the demo customer's plan: the demo catalog plus
// generated features (a third each boolean, numeric, metered with a monthly reset).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CATALOG_PATH, loadCatalog, type CatalogEntitlement, type CatalogFeature } from '../../server/catalog';

export const BENCH_PLAN = 'plan-stigg-pro';
export const benchFeatureId = (index: number) => `bench-feature-${String(index).padStart(4, '0')}`;
/** A metered feature of the generated catalog. */
export const METERED_BENCH_FEATURE = benchFeatureId(2);

export function writeLargeCatalog(totalFeatures: number): string {
  const catalog = loadCatalog(DEFAULT_CATALOG_PATH);
  const plan = catalog.plans.find((p) => p.id === BENCH_PLAN);
  if (!plan) throw new Error(`${BENCH_PLAN} is not in the demo catalog`);
  for (let index = 0; catalog.features.length < totalFeatures; index += 1) {
    const id = benchFeatureId(index);
    const kind = index % 3;
    const feature: CatalogFeature = {
      id,
      displayName: `Bench feature ${index}`,
      featureType: kind === 0 ? 'BOOLEAN' : 'NUMBER',
      meterType: kind === 2 ? 'Incremental' : 'None',
      ...(kind === 0 ? {} : { units: 'unit', unitsPlural: 'units' }),
    };
    const entitlement: CatalogEntitlement =
      kind === 0
        ? { featureId: id }
        : kind === 1
          ? { featureId: id, usageLimit: 10 + index }
          : { featureId: id, usageLimit: 1_000_000, resetPeriod: 'MONTH', monthlyAccordingTo: 'SubscriptionStart' };
    catalog.features.push(feature);
    plan.entitlements.push(entitlement);
  }
  const path = join(mkdtempSync(join(tmpdir(), 'gatehouse-bench-')), `catalog-${totalFeatures}.json`);
  writeFileSync(path, JSON.stringify(catalog));
  return path;
}
