/**
 * The referral service process: `npx ts-node -r tsconfig-paths/register --transpile-only services/referrals/src/main.ts`.
 * Configuration from the environment (docs/referrals.md); stops cleanly on SIGINT / SIGTERM.
 */
import { runService } from '@crm/service-kit';
import { REFERRALS_SERVICE } from './bootstrap';

runService(REFERRALS_SERVICE);
