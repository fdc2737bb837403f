// One card per gated feature: name, access, value or limit, a usage meter, where the
// answer came from, usage actions for metered features and an upsell when out of reach.
// Cards are built once and updated in place, so focus and screen readers are not disturbed.
import type { CardView } from './card-model';
import { h, setText, uniqueId } from './dom';

export interface CardActions {
  /** Records usage on this device (`stigg.recordUsage`). */
  useLocally(featureId: string): Promise<void>;
  /** Reports usage the way an app's backend does (server key, GraphQL `reportUsage`). */
  reportFromBackend(featureId: string): Promise<void>;
}

export class FeatureCard {
  readonly root: HTMLElement;
  private readonly title: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly access: HTMLElement;
  private readonly value: HTMLElement;
  private readonly usage: HTMLElement;
  private readonly meter: HTMLElement;
  private readonly meterFill: HTMLElement;
  private readonly usageText: HTMLElement;
  private readonly reset: HTMLElement;
  private readonly upsell: HTMLElement;
  private readonly upsellText: HTMLElement;
  private readonly actions: HTMLElement;
  private readonly useButton: HTMLButtonElement;
  private readonly backendButton: HTMLButtonElement;
  private busy = false;

  constructor(
    readonly featureId: string,
    private readonly handlers: CardActions,
  ) {
    const titleId = uniqueId('card-title');
    this.title = h('h3', { id: titleId });
    this.badge = h('span', { class: 'badge' });
    this.access = h('p', { class: 'access' });
    this.value = h('p', { class: 'value' });
    this.meterFill = h('div', { class: 'meter-fill' });
    this.meter = h('div', { class: 'meter', role: 'meter', 'aria-valuemin': 0, 'aria-labelledby': titleId }, this.meterFill);
    this.usageText = h('p', { class: 'usage-text' });
    this.reset = h('p', { class: 'reset' });
    this.usage = h('div', { class: 'usage' }, this.meter, this.usageText, this.reset);
    this.upsellText = h('span');
    this.upsell = h('div', { class: 'upsell', role: 'note' }, this.upsellText, ' ', h('a', { href: '#plans' }, 'Upgrade your plan'));
    this.useButton = h('button', { type: 'button' }, 'Use 1');
    this.backendButton = h('button', { type: 'button', class: 'secondary' }, 'Report 1 from backend');
    this.useButton.addEventListener('click', () => this.run(() => this.handlers.useLocally(featureId)));
    this.backendButton.addEventListener('click', () => this.run(() => this.handlers.reportFromBackend(featureId)));
    this.actions = h('div', { class: 'card-actions' }, this.useButton, this.backendButton);
    this.root = h(
      'article',
      { class: 'card', 'aria-labelledby': titleId, 'data-feature-id': featureId },
      h('div', { class: 'card-head' }, h('div', {}, this.title, h('code', { class: 'card-id' }, featureId)), this.badge),
      this.access,
      this.value,
      this.usage,
      this.upsell,
      this.actions,
    );
  }

  update(view: CardView, canReachBackend: boolean): void {
    setText(this.title, view.displayName);
    setText(this.badge, view.badge.label);
    this.badge.dataset.tone = view.badge.tone;
    this.badge.title = view.badge.detail;
    this.badge.setAttribute('aria-label', `Source: ${view.badge.label}. ${view.badge.detail}`);
    setText(this.access, view.accessText);
    this.access.dataset.granted = String(view.hasAccess);
    this.root.dataset.access = view.hasAccess ? 'granted' : 'denied';
    setText(this.value, view.valueText);

    this.usage.hidden = !view.usage;
    if (view.usage) {
      this.meterFill.style.width = `${Math.round(view.usage.fraction * 100)}%`;
      this.meter.dataset.full = String(view.usage.full);
      this.meter.setAttribute('aria-valuemax', '100');
      this.meter.setAttribute('aria-valuenow', String(Math.round(view.usage.fraction * 100)));
      this.meter.setAttribute('aria-valuetext', view.usage.text);
      setText(this.usageText, view.usage.text);
      setText(this.reset, view.usage.resetText ?? '');
      this.reset.hidden = !view.usage.resetText;
    }

    this.upsell.hidden = !view.upsell;
    setText(this.upsellText, view.upsell ?? '');

    const metered = view.kind === 'metered' && !!view.usage && !view.isFallback;
    this.actions.hidden = !metered;
    this.useButton.disabled = this.busy || !view.hasAccess;
    this.backendButton.disabled = this.busy || !view.hasAccess || !canReachBackend;
    this.backendButton.title = canReachBackend ? '' : 'The backend needs the network';
  }

  private async run(action: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.useButton.disabled = true;
    this.backendButton.disabled = true;
    try {
      await action();
    } finally {
      this.busy = false;
      this.root.dispatchEvent(new CustomEvent('card-action-done', { bubbles: true }));
    }
  }
}

/** Keeps one card per feature in a container, in the given order. */
export class CardList {
  private readonly cards = new Map<string, FeatureCard>();

  constructor(
    private readonly container: HTMLElement,
    private readonly handlers: CardActions,
  ) {}

  render(views: readonly CardView[], canReachBackend: boolean): void {
    const wanted = new Set(views.map((v) => v.featureId));
    for (const [id, card] of this.cards) {
      if (!wanted.has(id)) {
        card.root.remove();
        this.cards.delete(id);
      }
    }
    views.forEach((view, index) => {
      let card = this.cards.get(view.featureId);
      if (!card) {
        card = new FeatureCard(view.featureId, this.handlers);
        this.cards.set(view.featureId, card);
      }
      if (this.container.children[index] !== card.root) this.container.insertBefore(card.root, this.container.children[index] ?? null);
      card.update(view, canReachBackend);
    });
  }
}
