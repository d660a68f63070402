/**
 * A bus consumer in its own process, for tests/fault/consumer-kill.kafka.spec.ts (which SIGKILLs it).
 * Joins FAULT_GROUP on FAULT_TOPIC through KafkaBus and applies every message through handleOnce
 * (fault-support applyOnce), printing `ready` once the group was joined. SIGTERM stops it gracefully.
 * Every message is decoded and validated with decodeIntegrationEvent first (fault-support decodeFaultMessage);
 * one that is not a valid contract event is not applied and printed as `invalid <reason>` (the test requires none).
 * FAULT_ORDER_FILE: JSON { ce_id: i } of what the test published (i rises along each stream: the order count).
 *
 *   FAULT_BROKERS=127.0.0.1:9092 FAULT_DB_URL=postgres://... FAULT_TOPIC=t FAULT_GROUP=g FAULT_NAME=a FAULT_ORDER_FILE=/tmp/o.json \
 *     node -r ts-node/register/transpile-only -r tsconfig-paths/register tests/fault/consumer-child.ts
 */
import { readFileSync } from 'node:fs';
import { KafkaBus } from '@crm/messaging-kafka';
import { applyOnce, decodeFaultMessage, openDataSource } from './fault-support';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`consumer-child: ${name} is not set`);
  return value;
}

async function main(): Promise<void> {
  const name = env('FAULT_NAME');
  const group = env('FAULT_GROUP');
  const order = JSON.parse(readFileSync(env('FAULT_ORDER_FILE'), 'utf8')) as Record<string, number>;
  const ds = await openDataSource(env('FAULT_DB_URL'), `fault-consumer-${name}`);
  const bus = new KafkaBus({ brokers: env('FAULT_BROKERS').split(','), clientId: `fault-consumer-${name}` });
  const consumer = await bus.consume({
    groupId: group,
    topics: [env('FAULT_TOPIC')],
    handler: async (message) => {
      const decoded = decodeFaultMessage(message);
      const i = order[message.headers.ce_id ?? ''];
      if (!decoded.ok || i === undefined) {
        process.stdout.write(
          `invalid ${decoded.ok ? `${message.topic}/${message.offset}: ce_id ${message.headers.ce_id} was not published` : decoded.reason}\n`,
        );
        return;
      }
      await applyOnce(ds, group, message, name, i);
    },
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
