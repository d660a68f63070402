/**
 * The identity service process (development only):
 * `npx ts-node -r tsconfig-paths/register --transpile-only services/identity/src/main.ts`.
 * Configuration from the environment (docs/security.md); stops cleanly on SIGINT / SIGTERM.
 */
import { runService } from '@crm/service-kit';
import { IDENTITY_SERVICE } from './bootstrap';

runService(IDENTITY_SERVICE);
