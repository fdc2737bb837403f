// A partition is the unit of isolation: one environment (API key), one customer, one
// resource. Everything stored or broadcast is keyed by it, so a page can only ever
// receive the data of the partition it asked for.

export interface PartitionId {
  apiKey: string;
  customerId: string;
  resourceId?: string | undefined;
}

/** Stable string key. JSON keeps ids containing separators from colliding. */
export function partitionKey({ apiKey, customerId, resourceId }: PartitionId): string {
  return JSON.stringify([apiKey, customerId, resourceId ?? null]);
}

export function samePartition(a: PartitionId | null | undefined, b: PartitionId | null | undefined): boolean {
  return !!a && !!b && partitionKey(a) === partitionKey(b);
}

/** The BroadcastChannel name on which a partition's updates are announced. */
export function partitionChannel(key: string): string {
  return `gatehouse:${key}`;
}
