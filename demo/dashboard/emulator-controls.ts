// Controls for the emulator's faults and latency, a reset to its seed data, and the
// "cut the network to the API" toggle (dropped connections on every request).
import { byId, field, h, messageOf, replace } from './dom';
import { describeFaults, type EmulatorApi, type Faults } from './emulator';
import type { Activity } from './activity';

export class EmulatorControls {
  private readonly container = byId('emulator-controls');
  private readonly cutToggle = byId<HTMLInputElement>('cut-network');
  private readonly summary = h('p', { class: 'notice', id: 'faults-summary' }, 'Reading the emulator’s faults…');
  private readonly form: HTMLFormElement;
  private readonly latency = h('input', { type: 'number', name: 'latencyMs', min: 0, max: 60000, step: 100, value: 0, inputmode: 'numeric' });
  private readonly status = h(
    'select',
    { name: 'errorStatus' },
    h('option', { value: '' }, 'none'),
    h('option', { value: '500' }, '500 Internal Server Error'),
    h('option', { value: '503' }, '503 Service Unavailable'),
    h('option', { value: '429' }, '429 Too Many Requests'),
  );
  private readonly rate = h('input', { type: 'number', name: 'failurePercent', min: 0, max: 100, step: 5, value: 100, inputmode: 'numeric' });
  private readonly drop = h('input', { type: 'checkbox', name: 'dropConnections' });
  private readonly scope = h(
    'select',
    { name: 'scope' },
    h('option', { value: 'all' }, 'every request'),
    h('option', { value: 'edge' }, 'edge GETs only'),
    h('option', { value: 'graphql' }, 'GraphQL only'),
  );

  constructor(
    private readonly emulator: EmulatorApi,
    private readonly activity: Activity,
    private readonly onChanged: () => void,
  ) {
    this.form = h(
      'form',
      { class: 'inline-form', 'aria-describedby': 'faults-summary' },
      field('Latency (ms)', this.latency),
      field('Error status', this.status),
      field('Failing requests (%)', this.rate),
      field('Drop connections', this.drop),
      field('Applies to', this.scope),
      h('button', { type: 'submit' }, 'Apply faults'),
      h('button', { type: 'button', class: 'secondary', onclick: () => void this.clear() }, 'Clear faults'),
      h('button', { type: 'button', class: 'secondary', onclick: () => void this.reset() }, 'Reset emulator data'),
    );
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.apply(this.readForm());
    });
    replace(
      this.container,
      h('p', { class: 'muted' }, `The emulator at ${emulator.url} can be made slow or failing, to see how the dashboard degrades and recovers.`),
      this.summary,
      this.form,
    );
    this.cutToggle.addEventListener('change', () => {
      void (this.cutToggle.checked ? this.apply({ dropConnections: true, scope: 'all' }) : this.clear());
    });
  }

  private readForm(): Faults {
    const faults: Faults = { scope: this.scope.value as Faults['scope'] };
    const latency = Number(this.latency.value);
    if (latency > 0) faults.latencyMs = latency;
    if (this.status.value) faults.errorStatus = Number(this.status.value);
    if (this.drop.checked) faults.dropConnections = true;
    if (faults.errorStatus || faults.dropConnections) faults.failureRate = Math.min(100, Math.max(0, Number(this.rate.value))) / 100;
    return faults;
  }

  async load(): Promise<void> {
    if (!navigator.onLine) {
      this.showSummary('The emulator cannot be reached while the browser is offline.', 'warn');
      return;
    }
    try {
      this.show(await this.emulator.getFaults());
    } catch (error) {
      this.showSummary(`Cannot read the faults: ${messageOf(error)}`, 'warn');
    }
  }

  private async apply(faults: Faults): Promise<void> {
    try {
      const active = await this.emulator.setFaults(faults);
      this.show(active);
      this.activity.announce(`Emulator faults set: ${describeFaults(active)}`);
      this.onChanged();
    } catch (error) {
      this.activity.announce(`Could not set faults: ${messageOf(error)}`, 'bad');
    }
  }

  private async clear(): Promise<void> {
    try {
      await this.emulator.clearFaults();
      this.show({});
      this.activity.announce('Emulator faults cleared.', 'good');
      this.onChanged();
    } catch (error) {
      this.activity.announce(`Could not clear faults: ${messageOf(error)}`, 'bad');
    }
  }

  private async reset(): Promise<void> {
    try {
      await this.emulator.reset();
      this.show({});
      this.activity.announce('Emulator data reset to the seed catalog.', 'good');
      this.onChanged();
    } catch (error) {
      this.activity.announce(`Could not reset the emulator: ${messageOf(error)}`, 'bad');
    }
  }

  private show(faults: Faults): void {
    const active = !!(faults.latencyMs || faults.errorStatus || faults.dropConnections || faults.failureRate !== undefined);
    this.showSummary(describeFaults(faults), active ? 'bad' : 'good');
    this.cutToggle.checked = !!faults.dropConnections && (faults.failureRate ?? 1) >= 1 && (faults.scope ?? 'all') === 'all';
  }

  private showSummary(text: string, tone: string): void {
    this.summary.textContent = text;
    this.summary.dataset.tone = tone;
  }
}
