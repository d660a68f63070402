import {
  defaultDeadLetterTopic,
  type Bus,
  type ConsumeOptions,
  type Consumer,
  type OutgoingMessage,
} from '@crm/messaging';
import { assertTopicNamespace } from '@crm/contracts';

/**
 * A Bus whose topics live under a prefix (`<namespace><topic>`, e.g. `e2e-1a2b.crm.HN.in.plan`), so several
 * environments or test runs can share one Kafka cluster without reading each other's messages. Handlers,
 * dead-letter naming and topic parsing keep seeing the logical names (`crm.HN.in.plan`).
 */
export function namespacedBus(bus: Bus, namespace: string): Bus {
  assertTopicNamespace(namespace);
  const physical = (topic: string) => `${namespace}${topic}`;
  const logical = (topic: string) => (topic.startsWith(namespace) ? topic.slice(namespace.length) : topic);
  return {
    publish: (messages: OutgoingMessage[]) =>
      bus.publish(messages.map((m) => ({ ...m, topic: physical(m.topic) }))),
    ensureTopics: (topics: string[]) => bus.ensureTopics(topics.map(physical)),
    ping: () => bus.ping(),
    close: () => bus.close(),
    consume: (options: ConsumeOptions): Promise<Consumer> => {
      const deadLetterTopic = options.deadLetterTopic ?? defaultDeadLetterTopic;
      return bus.consume({
        ...options,
        groupId: `${namespace}${options.groupId}`,
        topics: options.topics.map(physical),
        deadLetterTopic: (topic) => physical(deadLetterTopic(logical(topic))),
        handler: (message) => options.handler({ ...message, topic: logical(message.topic) }),
      });
    },
  };
}
