/**
 * The plan service process: `npx ts-node -r tsconfig-paths/register --transpile-only services/plan/src/main.ts`.
 * Configuration from the environment (see docs/plan-service.md); stops cleanly on SIGINT / SIGTERM.
 */
import { stopWhenParentExits } from '@crm/config';
import { describePlanService, startPlanService, stopOnSignals, type PlanService } from './bootstrap';

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const services: PlanService[] = [];
  stopOnSignals([() => services[0]?.close() ?? Promise.resolve()], out);
  stopWhenParentExits(); // launched by `npm start`: stop when the launcher is gone
  services.push(await startPlanService());
  for (const line of describePlanService(services[0])) out(line);
}

main().catch((e: Error & { text?: { es: string; en: string } }) => {
  process.stderr.write(
    `[plan] start failed: ${e.text ? `${e.text.es} / ${e.text.en}` : (e.stack ?? e.message)}\n`,
  );
  process.exit(1);
});
