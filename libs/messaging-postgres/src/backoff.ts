export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

/** Exponential back-off: initial * 2^(attempt-1), capped. `attempt` starts at 1. */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  return Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, attempt - 1));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
