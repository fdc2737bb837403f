// An emulator for one measurement: in-process, on a free port, with its controls.
import { startEmulator } from '../../server/index';
import { emulatorHandle, type EmulatorHandle } from '../../server/testing/handle';

export interface BenchEmulator extends EmulatorHandle {
  close(): Promise<void>;
}

export async function benchEmulator(catalogPath?: string): Promise<BenchEmulator> {
  const server = await startEmulator({ port: 0, ...(catalogPath ? { catalogPath } : {}) });
  return { ...emulatorHandle(server.url), close: () => server.close() };
}
