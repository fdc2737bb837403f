// The official SDK's own wording for failures apps may match on, and how any thrown
// value becomes a message.

export const NO_CUSTOMER_MESSAGE = 'You must set customer ID first, use setCustomerId function or pass it via the constructor';
export const AUTHENTICATION_FAILED_MESSAGE = 'Authentication failed. Double check your SDK key.';

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message) : String(error);
  } catch {
    // An object without a primitive value, or whose `message` read throws.
    return 'unknown error';
  }
}
