/**
 * A launcher of one flaky service (FLAKY_MODE, FLAKY_PORT from the environment) that prints `child <pid>` once
 * the service is ready: tests kill this process outright and check that the service stops by itself.
 */
import { Supervisor } from '@crm/scripts';
import { FLAKY_SERVICE } from './flaky';

const supervisor = new Supervisor({
  services: [FLAKY_SERVICE],
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  onGiveUp: () => process.exit(1),
});
void supervisor.start().then(([running]) => process.stdout.write(`child ${running.child!.pid}\n`));
