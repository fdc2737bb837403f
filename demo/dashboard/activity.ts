// The activity panel: what happened, newest first, plus a polite live region for the
// outcome of the user's own actions. Also the SDK's logger: its errors land here (and
// as console warnings) rather than as console errors, as an app's telemetry would take them.
import type { Logger } from 'gatehouse';
import { byId, h } from './dom';

const MAX_ENTRIES = 50;

export type ActivityTone = 'info' | 'good' | 'bad';

export class Activity {
  private readonly list = byId<HTMLOListElement>('activity');
  private readonly announcer = byId('announcer');

  add(message: string, tone: ActivityTone = 'info'): void {
    const now = new Date();
    const entry = h('li', { 'data-tone': tone }, h('time', { datetime: now.toISOString() }, now.toLocaleTimeString()), message);
    this.list.prepend(entry);
    while (this.list.children.length > MAX_ENTRIES) this.list.lastElementChild?.remove();
  }

  /** Adds an entry and reads it out to screen readers. */
  announce(message: string, tone: ActivityTone = 'info'): void {
    this.add(message, tone);
    this.announcer.textContent = '';
    // A fresh text node makes screen readers speak a repeated message again.
    requestAnimationFrame(() => {
      this.announcer.textContent = message;
    });
  }

  logger(): Logger {
    return {
      log: (message) => this.add(message),
      error: (message, error) => {
        this.add(message.replace(/^\[Stigg\] /, 'SDK: '), 'bad');
        console.warn(message, error);
      },
    };
  }
}
