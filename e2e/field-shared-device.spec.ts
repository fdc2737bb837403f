// Sign-out on a shared computer leaves nothing of the customer (issue 14, §3): after
// `clearCustomer({ purgeStoredData: true })`, a dump of everything the origin keeps
// (every IndexedDB store, Cache Storage, localStorage) holds nothing of that customer,
// also the answers whose keys name no customer (a subscription looked up by its id), and
// the next customer, offline, is never served them. Payment and billing-portal URLs are
// never stored at all: the emulator serves them under billing.emulator.invalid.
import { dumpOrigin } from './field-dump';
import { expect, test } from './fixtures';

const LEAVING = 'customer-demo-02';
const NEXT = 'customer-demo-03';
const BILLING_HOST = 'billing.emulator.invalid';

test('purge on a shared device, then another customer offline: nothing of the first customer, no payment or portal URL, anywhere in the origin', async ({ page, context, emulator }, testInfo) => {
  await page.goto(`/ready-made/?${new URLSearchParams({ customerId: LEAVING, emulator: emulator.url })}`);
  await page.waitForFunction(() => window.stigg !== undefined);
  await page.evaluate(() => window.stigg.waitForInitialization().then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  // Every kind of stored answer of the leaving customer, online.
  const online = await page.evaluate(async () => {
    const customer = await window.stigg.getCustomer();
    const [active] = await window.stigg.getActiveSubscriptions();
    const subscription = await window.stigg.getSubscription({ subscriptionId: active!.id });
    const portal = await window.stigg.getCustomerPortal();
    await window.stigg.getPaywall();
    await window.stigg.getActiveSubscriptionsList();
    return {
      customer: { id: customer.id, name: customer.name, email: customer.email },
      subscriptionId: subscription.id,
      paymentUrl: subscription.latestInvoice?.paymentUrl,
      billingPortalUrl: portal.billingPortalUrl,
    };
  });
  expect(online.paymentUrl).toContain(BILLING_HOST);
  expect(online.billingPortalUrl).toContain(BILLING_HOST);
  const traces = [LEAVING, online.customer.name!, online.customer.email!, online.subscriptionId];

  // Stored (the subscription's answer included), but never a payment or portal URL.
  await expect.poll(() => dumpOrigin(page), { timeout: 15_000 }).toContain(online.subscriptionId);
  const before = await dumpOrigin(page);
  for (const trace of traces) expect(before).toContain(trace);
  expect(before).not.toContain(BILLING_HOST);

  await page.evaluate(() => window.stigg.clearCustomer({ purgeStoredData: true }));
  await expect
    .poll(async () => {
      const dump = await dumpOrigin(page);
      return traces.filter((trace) => dump.includes(trace));
    }, { timeout: 15_000 })
    .toEqual([]);

  // The next customer of the device, offline: the leaving customer's answers are gone,
  // also for the very same subscription id.
  await context.setOffline(true);
  const next = await page.evaluate(
    async ({ next, subscriptionId }) => {
      void window.stigg.setCustomerId(next).catch(() => undefined);
      const settle = (run: () => Promise<unknown>) =>
        run().then(
          (value) => ({ answered: JSON.stringify(value) }),
          (error: Error) => ({ error: error.message }),
        );
      return {
        subscription: await settle(() => window.stigg.getSubscription({ subscriptionId })),
        customer: await settle(() => window.stigg.getCustomer()),
        entitlement: window.stigg.getMeteredEntitlement({ featureId: 'feature-demo-03' }),
      };
    },
    { next: NEXT, subscriptionId: online.subscriptionId },
  );
  expect(next.subscription).toEqual({ error: expect.stringMatching(/^Failed to get subscription\. Error: /) });
  expect(next.customer).toEqual({ error: expect.stringMatching(/^Failed to get customer\. Error: /) });
  // Never the leaving customer's promotional limit of 5.
  expect(next.entitlement.usageLimit).not.toBe(5);

  const after = await dumpOrigin(page);
  await testInfo.attach('origin-dump-after-purge.json', { body: after, contentType: 'application/json' });
  for (const trace of traces) expect(after).not.toContain(trace);
  expect(after).not.toContain(BILLING_HOST);
});
