/**
 * Kafka test helpers for `*.kafka.spec.ts` files (jest project `kafka`, whose global setup provides the broker).
 */

/** The broker list of this test run (from the kafka global setup or KAFKA_BROKERS). */
export function kafkaBrokers(): string[] {
  const raw = process.env.KAFKA_BROKERS;
  if (!raw) throw new Error('KAFKA_BROKERS is not set: run this test in the jest "kafka" project');
  return raw
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
}

/**
 * `describe` for suites that need the real broker. When the global setup could not provide one (and
 * CRM_REQUIRE_KAFKA is not 1), prints why and skips the suite instead of failing or passing silently.
 */
export function describeWithKafka(name: string, fn: () => void): void {
  const reason = process.env.KAFKA_SKIP_REASON;
  if (reason) {
    console.warn(`[tests] skipping "${name}": ${reason}`);
    describe.skip(name, fn);
    return;
  }
  if (!process.env.KAFKA_BROKERS) {
    throw new Error(
      `"${name}" needs Kafka: run it in the jest "kafka" project (npx jest --selectProjects kafka)`,
    );
  }
  describe(name, fn);
}
