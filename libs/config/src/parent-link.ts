/**
 * A process that `npm start` (scripts/start.ts) launches gets an IPC channel to the launcher. When the launcher
 * goes away for any reason, SIGKILL included, the operating system closes that channel and Node emits
 * `disconnect`. On that event this sends `signal` to the process itself, so the service's own signal handler
 * runs its normal graceful stop. If the process is still alive after `graceMs`, it exits with code 1. Does nothing
 * when there is no IPC channel (a service started on its own, a test).
 */
export function stopWhenParentExits(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): void {
  if (!process.send) return;
  process.once('disconnect', () => {
    setTimeout(() => process.exit(1), graceMs).unref();
    process.kill(process.pid, signal);
  });
}
