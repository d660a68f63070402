import { describeWithKafka, kafkaBrokers } from '@crm/testing';
import { describeBusContract } from '@crm/messaging/testing';
import { KafkaBus } from './kafka-bus';
import { silent } from './kafka-log';

describeWithKafka('kafka bus adapter', () => {
  describeBusContract({
    name: 'kafka',
    create: async () =>
      new KafkaBus({
        brokers: kafkaBrokers(),
        clientId: 'crm-contract',
        sessionTimeoutMs: 10_000,
        heartbeatIntervalMs: 500,
        backoff: { initialMs: 20, maxMs: 200 },
        log: silent,
      }),
  });
});
