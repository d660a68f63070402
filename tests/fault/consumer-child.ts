/**
 * A bus consumer in its own process, for tests/fault/consumer-kill.kafka.spec.ts (which SIGKILLs it).
 * Joins FAULT_GROUP on FAULT_TOPIC through KafkaBus and applies every message through handleOnce
 * (fault-support applyOnce), printing `ready` once the group was joined. SIGTERM stops it gracefully.
 *
 *   FAULT_BROKERS=127.0.0.1:9092 FAULT_DB_URL=postgres://... FAULT_TOPIC=t FAULT_GROUP=g FAULT_NAME=a \
 *     node -r ts-node/register/transpile-only -r tsconfig-paths/register tests/fault/consumer-child.ts
 */
import { KafkaBus } from '@crm/messaging-kafka';
import { applyOnce, openDataSource } from './fault-support';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`consumer-child: ${name} is not set`);
  return value;
}

async function main(): Promise<void> {
  const name = env('FAULT_NAME');
  const group = env('FAULT_GROUP');
  const ds = await openDataSource(env('FAULT_DB_URL'), `fault-consumer-${name}`);
  const bus = new KafkaBus({ brokers: env('FAULT_BROKERS').split(','), clientId: `fault-consumer-${name}` });
  const consumer = await bus.consume({
    groupId: group,
    topics: [env('FAULT_TOPIC')],
    handler: async (message) => void (await applyOnce(ds, group, message, name)),
  });
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => {
    void (async () => {
      await consumer.stop();
      await bus.close();
      await ds.destroy();
      process.exit(0);
    })();
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
