// Whether the network is reachable, as the pages relay it: a service worker gets no
// online/offline events of its own.
export class Connectivity {
  private readonly listeners = new Set<() => void>();

  constructor(private current: boolean) {}

  get online(): boolean {
    return this.current;
  }

  /** Records the pages' report; answers whether this was a reconnect. */
  set(online: boolean): boolean {
    const reconnected = online && !this.current;
    this.current = online;
    if (reconnected) for (const listener of [...this.listeners]) listener();
    return reconnected;
  }

  onReconnect(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
