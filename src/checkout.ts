// waitForCheckoutCompleted with the official semantics: the page URL names the
// subscription; poll the active subscriptions every second until it shows up or the
// timeout passes.

export interface CheckoutParams {
  subscriptionId: string;
  resourceId?: string | undefined;
}

/** The checkout result in the URL, or null when there is none or it was cancelled. */
export function checkoutFromUrl(search: string): CheckoutParams | null {
  const params = new URLSearchParams(search);
  const subscriptionId = params.get('subscriptionId');
  const completed = params.get('checkoutCompleted');
  if (!subscriptionId || !completed || completed.toLowerCase() === 'false') return null;
  return { subscriptionId, resourceId: params.get('resourceId') || undefined };
}

const POLL_INTERVAL_MS = 1_000;

export async function pollForSubscription<T extends { id: string }>(
  checkout: CheckoutParams,
  activeSubscriptions: (resourceId: string | undefined) => Promise<T[]>,
  timeoutMs: number,
  now: () => number = Date.now,
): Promise<T> {
  const startedAt = now();
  for (let attempt = 0; ; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    const found = (await activeSubscriptions(checkout.resourceId)).find((s) => s.id === checkout.subscriptionId);
    if (found) return found;
    if (now() - startedAt >= timeoutMs) {
      throw new Error(`Timeout while waiting for checkout to complete, subscription ${checkout.subscriptionId} is not active`);
    }
  }
}
