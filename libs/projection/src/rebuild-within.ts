/**
 * Runs `rebuild` and waits for it at most `waitMs`: 'done' when it finished in time (its error, if any, is
 * thrown), 'running' when it still runs; it then goes on in the background and a failure is given to
 * `onLateError` (never lost as an unhandled rejection).
 */
export async function rebuildWithin(
  rebuild: Promise<void>,
  waitMs: number,
  onLateError: (error: unknown) => void,
): Promise<'done' | 'running'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'running'>((resolve) => {
    timer = setTimeout(() => resolve('running'), waitMs);
  });
  try {
    const outcome = await Promise.race([rebuild.then(() => 'done' as const), timeout]);
    if (outcome === 'running') rebuild.catch(onLateError);
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}
