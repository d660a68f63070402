/**
 * The back-off before attempt `attempt + 1` after `attempt` failed ones (1, 2, ...): `initialMs` doubled per
 * further failure, at most `maxMs`. A failing deadline is retried for as long as it is pending, never in a
 * busy loop.
 */
export function retryDelayMs(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
}
