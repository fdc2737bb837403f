// Listening to the engine's broadcasts: a partition's channel and the status channel.
// Whatever arrives is parsed; a message for another partition is ignored.
import { partitionChannel } from '../../core/partition';
import { parseBroadcast, type Broadcast, type SyncStatus } from '../../core/protocol';

export const STATUS_CHANNEL = 'gatehouse:status';

export function subscribeToPartition(partitionKey: string, listener: (broadcast: Broadcast) => void): () => void {
  return listen(partitionChannel(partitionKey), (broadcast) => {
    if (broadcast.type !== 'status' && broadcast.partitionKey === partitionKey) listener(broadcast);
  });
}

export function subscribeToStatus(listener: (status: SyncStatus) => void): () => void {
  return listen(STATUS_CHANNEL, (broadcast) => {
    if (broadcast.type === 'status') listener(broadcast.status);
  });
}

function listen(name: string, listener: (broadcast: Broadcast) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(name);
  channel.onmessage = (event: MessageEvent) => {
    const parsed = parseBroadcast(event.data);
    if (parsed) listener(parsed.body);
  };
  return () => channel.close();
}
