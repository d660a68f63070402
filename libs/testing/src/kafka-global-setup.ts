import { execFileSync } from 'node:child_process';
import { startKafkaBroker, type KafkaBrokerHandle } from './kafka-broker';
import pgGlobalSetup, { pgGlobalTeardown } from './pg-global-setup';

/**
 * Jest globalSetup of the `kafka` project: the pg setup (kafka suites may use databases too), then a
 * real Kafka broker for the run.
 *   - KAFKA_BROKERS set: use that broker, start nothing.
 *   - else java and mvn on PATH: start a throwaway single-node KRaft broker (infra/kafka/kafka.sh).
 *   - else CRM_REQUIRE_KAFKA=1 (CI): fail the run with the reason.
 *   - else: set KAFKA_SKIP_REASON; `describeWithKafka` suites print it and skip.
 * Test workers inherit KAFKA_BROKERS / KAFKA_SKIP_REASON from this process's environment.
 */
const state = globalThis as typeof globalThis & { __crmTestKafka?: KafkaBrokerHandle };

function onPath(command: string): boolean {
  try {
    execFileSync('bash', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export default async function kafkaGlobalSetup(): Promise<void> {
  // Decide about Kafka first: a run that must fail should not leave a PostgreSQL behind.
  const missing = process.env.KAFKA_BROKERS ? [] : ['java', 'mvn'].filter((c) => !onPath(c));
  const reason = `no Kafka broker: KAFKA_BROKERS is not set and ${missing.join(' and ')} not on PATH (needed by infra/kafka/kafka.sh)`;
  if (missing.length > 0 && process.env.CRM_REQUIRE_KAFKA === '1')
    throw new Error(`CRM_REQUIRE_KAFKA=1 but ${reason}`);

  await pgGlobalSetup();
  if (process.env.KAFKA_BROKERS) {
    if (!state.__crmTestKafka) console.log(`[tests] Kafka: using KAFKA_BROKERS=${process.env.KAFKA_BROKERS}`);
    return;
  }
  if (missing.length > 0) {
    process.env.KAFKA_SKIP_REASON = reason;
    console.warn(
      `\n[tests] SKIPPING Kafka suites: ${reason}. Set CRM_REQUIRE_KAFKA=1 to make this an error.`,
    );
    return;
  }
  try {
    const handle = await startKafkaBroker();
    state.__crmTestKafka = handle;
    process.env.KAFKA_BROKERS = handle.brokers;
    console.log(`[tests] Kafka broker started at ${handle.brokers} (data ${handle.dataDir})`);
  } catch (error) {
    await pgGlobalTeardown();
    throw error;
  }
}

export async function kafkaGlobalTeardown(): Promise<void> {
  const started = state.__crmTestKafka;
  state.__crmTestKafka = undefined;
  if (started) {
    delete process.env.KAFKA_BROKERS;
    await started.stop();
  }
}
