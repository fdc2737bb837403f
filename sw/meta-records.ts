// The meta records the service worker writes, which pages may read back.
import type { MetaRecord } from '../engine/store';

/** Which Gatehouse version's service worker activated last, and when (epoch ms). */
export interface ActivationRecord extends MetaRecord {
  key: 'sw';
  version: string;
  activatedAt: number;
}
