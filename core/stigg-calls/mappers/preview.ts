// Price previews: estimateSubscription(Update) and previewSubscription.
import type {
  DateRange,
  SubscriptionPreview,
  SubscriptionPreviewCredits,
  SubscriptionPreviewDiscount,
  SubscriptionPreviewInvoice,
  SubscriptionPreviewProration,
  SubscriptionPricePreview,
  SubscriptionPreviewV2,
} from '../../api-model';
import { toMoney } from './common';
import type { WireCredits, WireDateRange, WireDiscount, WireInvoicePreview, WirePriceTotals, WireProration, WireSubscriptionPreview, WireSubscriptionPreviewV2 } from './wire';

type Tax = Pick<SubscriptionPricePreview, 'tax' | 'taxDetails'>;

/** Tax appears only when both the amount and its details do. */
function tax({ tax, taxDetails }: Partial<WirePriceTotals>): Tax {
  if (!tax || !taxDetails) return {};
  const { displayName, percentage, inclusive } = taxDetails;
  return { tax: toMoney(tax), taxDetails: { displayName, percentage, inclusive } };
}

function discount({ name, type, value, durationType, durationInMonths }: WireDiscount): SubscriptionPreviewDiscount {
  return { name, type, value, durationType, ...(durationInMonths ? { durationInMonths } : {}) };
}

// `start && new Date(start)`: a null wire date stays null, as in the official.
const dateRange = ({ start, end }: WireDateRange): DateRange => ({
  start: start && new Date(start),
  end: end && new Date(end),
}) as DateRange;

const credits = (wire: WireCredits | null | undefined): SubscriptionPreviewCredits | undefined =>
  wire ? { initial: toMoney(wire.initial), used: toMoney(wire.used), remaining: toMoney(wire.remaining) } : undefined;

const proration = (wire: WireProration): SubscriptionPreviewProration => ({
  credit: toMoney(wire.credit),
  debit: toMoney(wire.debit),
  netAmount: toMoney(wire.netAmount),
  prorationDate: new Date(wire.prorationDate),
});

export function mapSubscriptionPreview(preview: WireSubscriptionPreview): SubscriptionPreview {
  const { subscription } = preview;
  return {
    total: toMoney(preview.total),
    totalExcludingTax: toMoney(preview.totalExcludingTax),
    subTotal: toMoney(preview.subTotal),
    discountAmount: preview.discountAmount ? toMoney(preview.discountAmount) : undefined,
    ...tax(preview),
    ...(preview.discount ? { discount: discount(preview.discount) } : {}),
    billingPeriodRange: dateRange(preview.billingPeriodRange),
    proration: preview.proration ? proration(preview.proration) : undefined,
    subscription: subscription
      ? {
          total: toMoney(subscription.total),
          totalExcludingTax: toMoney(subscription.totalExcludingTax),
          subTotal: toMoney(subscription.subTotal),
          discountAmount: subscription.discountAmount ? toMoney(subscription.discountAmount) : undefined,
          ...(subscription.discount ? { discount: discount(subscription.discount) } : {}),
          ...tax(subscription),
        }
      : undefined,
    isPlanDowngrade: !!preview.isPlanDowngrade,
    hasScheduledUpdates: !!preview.hasScheduledUpdates,
    credits: credits(preview.credits),
  };
}

function invoice(wire: WireInvoicePreview): SubscriptionPreviewInvoice {
  return {
    total: toMoney(wire.total),
    subTotal: toMoney(wire.subTotal),
    totalExcludingTax: toMoney(wire.totalExcludingTax),
    discount: wire.discount ? toMoney(wire.discount) : undefined,
    ...(wire.discountDetails ? { discountDetails: discount(wire.discountDetails) } : {}),
    ...tax(wire),
  };
}

export function mapSubscriptionPreviewV2(preview: WireSubscriptionPreviewV2): SubscriptionPreviewV2 {
  const { immediateInvoice: immediate, recurringInvoice } = preview;
  return {
    immediateInvoice: {
      ...invoice(immediate),
      proration: immediate.proration
        ? { ...proration(immediate.proration), hasProrations: immediate.proration.hasProrations || undefined }
        : undefined,
      credits: credits(immediate.credits),
    },
    recurringInvoice: recurringInvoice ? invoice(recurringInvoice) : undefined,
    billingPeriodRange: dateRange(preview.billingPeriodRange),
    isPlanDowngrade: !!preview.isPlanDowngrade,
    hasScheduledUpdates: !!preview.hasScheduledUpdates,
  };
}
