// An app's page, as a TypeScript user writes it: the DOM library, every declaration file checked.
import Stigg, { type MeteredEntitlement } from 'gatehouse';

const stigg = Stigg.initialize({ apiKey: 'client-key', customerId: 'customer-1' });
const seats: MeteredEntitlement = stigg.getMeteredEntitlement({ featureId: 'feature-seats', options: { requestedUsage: 1 } });
export const canAddSeat: boolean = seats.hasAccess;
