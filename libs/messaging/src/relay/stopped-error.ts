/** Exponential back-off delay: initial * 2^(attempt-1), capped at max. */
export function relayBackoff(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
}

/** Thrown inside the relay when it was stopped while waiting to retry: nothing more is published or saved. */
export class RelayStoppedError extends Error {
  constructor() {
    super('relay stopped');
    this.name = 'RelayStoppedError';
  }
}
