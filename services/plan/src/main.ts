/**
 * The plan service process: `npx ts-node -r tsconfig-paths/register --transpile-only services/plan/src/main.ts`.
 * Configuration from the environment (see docs/plan-service.md); stops cleanly on SIGINT / SIGTERM.
 */
import { describePlanService, startPlanService } from './bootstrap';

async function main(): Promise<void> {
  const service = await startPlanService();
  for (const line of describePlanService(service)) process.stdout.write(`${line}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`[plan] ${signal}: stopping\n`);
    service.close().then(
      () => process.exit(0),
      (e: Error) => {
        process.stderr.write(`[plan] stop failed: ${e.message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: Error & { text?: { es: string; en: string } }) => {
  process.stderr.write(`[plan] start failed: ${e.text ? `${e.text.es} / ${e.text.en}` : (e.stack ?? e.message)}\n`);
  process.exit(1);
});
