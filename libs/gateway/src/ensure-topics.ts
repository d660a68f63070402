import { sleep, type Bus } from '@crm/messaging';

/**
 * `bus.ensureTopics` with a few retries. Creating many topics at once on a fresh KRaft broker can fail
 * while metadata propagates (kafkajs `waitForLeaders` sees UNKNOWN_TOPIC_OR_PARTITION); ensureTopics is
 * idempotent, so trying again creates only what is still missing.
 */
export async function ensureTopicsRetrying(
  bus: Bus,
  topics: string[],
  attempts = 6,
  initialDelayMs = 250,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await bus.ensureTopics(topics);
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(initialDelayMs * 2 ** (attempt - 1));
    }
  }
}
