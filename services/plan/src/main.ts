/**
 * The plan service process: `npx ts-node -r tsconfig-paths/register --transpile-only services/plan/src/main.ts`.
 * Configuration from the environment (see docs/plan-service.md); stops cleanly on SIGINT / SIGTERM.
 */
import { runService } from '@crm/service-kit';
import { PLAN_SERVICE } from './bootstrap';

runService(PLAN_SERVICE);
