/**
 * `npm start`: the platform on one machine with the embedded defaults (no Docker, no installed database):
 * embedded PostgreSQL under `.data/` (CRM_DATA_DIR) as event store, bus and read-model database, the built-in
 * development issuer with demo accounts, and the plan service on PLAN_PORT (default 3001).
 * Stops cleanly on SIGINT / SIGTERM (Ctrl-C): HTTP server, bus, store and the embedded PostgreSQL.
 */
import { PLAN_SERVICE, describePlanService, type PlanService } from '@crm/plan';
import { startFailure, startService, stopOnSignals } from '@crm/service-kit';

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const where = process.env.DATABASE_URL ? 'DATABASE_URL' : `${process.env.CRM_DATA_DIR || '.data'}/`;
  out(
    `Iniciando la plataforma CRM (PostgreSQL: ${where}) / Starting the CRM platform (PostgreSQL: ${where})...`,
  );
  const services: PlanService[] = [];
  const signals = stopOnSignals([() => services[0]?.close() ?? Promise.resolve()], out);
  services.push(await startService(PLAN_SERVICE));
  if (signals.stopping()) return;
  out('');
  for (const line of describePlanService(services[0])) out(line);
  out('');
  out('Pulse Ctrl-C para detener / press Ctrl-C to stop. Guía / guide: docs/plan-service.md');
}

main().catch((e: Error & { text?: { es: string; en: string } }) => {
  process.stderr.write(`No se pudo iniciar / start failed: ${startFailure(e)}\n`);
  process.exit(1);
});
