// a relative path: jest loads a global teardown without the workspace's module mapping
// eslint-disable-next-line @nx/enforce-module-boundaries
import teardown from '../../libs/testing/src/kafka-global-teardown';
import { needlesWith, scanKafka } from './plaintext-scan';

/**
 * Global teardown of the jest `kafka` project: after the last kafka spec, and before the broker stops, reads
 * EVERY topic of the test broker from the beginning and fails the run if a message (key, value or headers) holds
 * the marker of the test children or a fixed test child's string (tests/e2e/referrals-no-plaintext.kafka.spec.ts
 * shows, with positive controls, that the scanner finds them). Then the usual teardown (broker, PostgreSQL).
 */
export default async function kafkaTeardownWithPlaintextScan(): Promise<void> {
  let failure: Error | undefined;
  const brokers = process.env.KAFKA_BROKERS;
  if (brokers && !process.env.KAFKA_SKIP_REASON) {
    try {
      const scan = await scanKafka(brokers.split(','), needlesWith());
      console.log(
        `[tests] plaintext scan of the Kafka broker: ${scan.topics} topics, ${scan.partitions} partitions, ${scan.messages} messages, ${scan.findings.length} finding(s) (and ${scan.hostileInputs.length} in the tests' deliberate hostile inputs)`,
      );
      if (scan.findings.length > 0)
        failure = new Error(
          `plaintext identifying data of a test child in Kafka messages: ${scan.findings
            .slice(0, 20)
            .map((f) => `${f.where} (${f.needle})`)
            .join('; ')}`,
        );
    } catch (error) {
      failure = error as Error;
    }
  }
  await teardown();
  if (failure) throw failure;
}
