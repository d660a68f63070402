import type { IncomingMessage } from '@crm/messaging';

/** Polls until `predicate` holds (tests only; no timing assertions, just a bounded wait). */
export async function eventually(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function text(m: IncomingMessage): string {
  return m.value.toString('utf8');
}
