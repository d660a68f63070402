/**
 * Node wrapper of kafka.sh: `startKafkaBroker({ dataDir?, port? }) -> { brokers, stop(), restart(), kill() }`.
 * The implementation lives in @crm/testing (libs/testing/src/kafka-broker.ts) so test code can import it
 * without reaching outside the libs.
 */
export {
  fetchKafka,
  startKafkaBroker,
  type KafkaBrokerHandle,
  type StartKafkaBrokerOptions,
} from '@crm/testing';
