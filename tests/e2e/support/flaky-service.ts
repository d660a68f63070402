/**
 * A stand-in service for the launcher's supervisor tests (tests/e2e/launcher-supervisor.spec.ts): answers 200 on
 * GET /health on FLAKY_PORT and then behaves as FLAKY_MODE says:
 *   healthy           keeps running; stops on SIGTERM
 *   exit-after-ready  exits with code 3 shortly after its first readiness answer
 *   exit-at-once      exits with code 2 before listening
 *   ignore-sigterm    keeps running and ignores SIGTERM (only SIGKILL stops it)
 */
import { createServer } from 'node:http';
import { stopWhenParentExits } from '@crm/config';

const mode = process.env.FLAKY_MODE ?? 'healthy';
if (mode === 'exit-at-once') process.exit(2);
stopWhenParentExits();
process.on('SIGTERM', () => (mode === 'ignore-sigterm' ? undefined : process.exit(0)));
const server = createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404).end();
  if (mode === 'exit-after-ready') setTimeout(() => process.exit(3), 100);
});
server.listen(Number(process.env.FLAKY_PORT), '127.0.0.1');
