// Moves a server bootstrap into the view it belongs to (the rules are in core/bootstrap.ts).
import { decideBootstrap } from '../core/bootstrap';
import { buildDecisionTable } from '../core/build-table';
import type { PartitionView } from './partition-view';

/**
 * Seeds the current customer's or resource's view with the bootstrap it is for. Returns
 * why it was ignored (for a warning), or null when it is served or the view already has data.
 */
export function seedViews(bootstrap: unknown, views: PartitionView[], now: number, background: boolean): string | null {
  let reason = 'no customer is set';
  for (const view of views) {
    const decision = decideBootstrap(bootstrap, view.connection, now);
    if (!decision.apply) {
      reason = decision.reason;
      continue;
    }
    return view.seed(decision.record, background, buildDecisionTable) || view.isLoaded ? null : 'the bootstrap is older than cacheMaxAgeMs';
  }
  return reason;
}
