// Counts of served requests, keyed by GraphQL operation name or "METHOD /path" for edge GETs.
export class RequestLog {
  private counts = new Map<string, number>();
  private total = 0;

  record(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.total += 1;
  }

  snapshot(): { total: number; counts: Record<string, number> } {
    return { total: this.total, counts: Object.fromEntries(this.counts) };
  }

  clear(): void {
    this.counts.clear();
    this.total = 0;
  }
}
