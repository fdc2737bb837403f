import { parsePageMessage, type WorkerToPageMessage } from './protocol';
import { GATEHOUSE_VERSION } from './version';

/** Answers pages' messages; a reply goes to the message's port when it brought one. */
export function handlePageMessages(scope: ServiceWorkerGlobalScope): void {
  scope.addEventListener('message', (event) => {
    const message = parsePageMessage(event.data);
    if (message?.type !== 'gatehouse:ping') return;
    const reply: WorkerToPageMessage = { type: 'gatehouse:pong', version: GATEHOUSE_VERSION };
    const target = event.ports[0] ?? event.source;
    target?.postMessage(reply);
  });
}
