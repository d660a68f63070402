import { describeWithKafka, kafkaBrokers } from './kafka-suite';

describe('kafka test helpers', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('parses the broker list', () => {
    process.env.KAFKA_BROKERS = '127.0.0.1:1, 127.0.0.1:2,';
    expect(kafkaBrokers()).toEqual(['127.0.0.1:1', '127.0.0.1:2']);
  });

  it('refuses to run outside the kafka project', () => {
    delete process.env.KAFKA_BROKERS;
    delete process.env.KAFKA_SKIP_REASON;
    expect(() => kafkaBrokers()).toThrow(/kafka/);
    expect(() => describeWithKafka('x', () => undefined)).toThrow(/selectProjects kafka/);
  });
});
