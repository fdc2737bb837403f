// The official SDK's own wording for failures apps may match on, and how any thrown
// value becomes a message.

export const NO_CUSTOMER_MESSAGE = 'You must set customer ID first, use setCustomerId function or pass it via the constructor';
export const AUTHENTICATION_FAILED_MESSAGE = 'Authentication failed. Double check your SDK key.';

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
