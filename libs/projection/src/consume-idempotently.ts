import type { DataSource, EntityManager } from 'typeorm';
import { PoisonMessageError, type Bus, type Consumer, type IncomingMessage } from '@crm/messaging';
import { handleOnce } from './handle-once';
import { ensureProjectionTables } from './schema';

export interface ConsumeIdempotentlyOptions {
  groupId: string;
  topics: string[];
  dataSource: DataSource;
  /** Dedup namespace in processed_events (usually equal to groupId). */
  consumer: string;
  /** The effects of one message, inside the transaction that also records its `ce_id`. */
  handler: (message: IncomingMessage, manager: EntityManager) => Promise<void>;
  schema?: string;
  maxAttempts?: number;
  deadLetterTopic?: (topic: string) => string;
  fromBeginning?: boolean;
}

/**
 * A bus consumer whose effects apply exactly once per CloudEvents id: the bus redelivers (at-least-once),
 * `handleOnce` turns that into effectively-once. A message without `ce_id` cannot be deduplicated and
 * goes to the dead-letter topic.
 */
export async function consumeIdempotently(bus: Bus, options: ConsumeIdempotentlyOptions): Promise<Consumer> {
  const schema = options.schema ?? 'public';
  await ensureProjectionTables(options.dataSource, schema);
  return bus.consume({
    groupId: options.groupId,
    topics: options.topics,
    maxAttempts: options.maxAttempts,
    deadLetterTopic: options.deadLetterTopic,
    fromBeginning: options.fromBeginning,
    handler: async (message) => {
      const eventId = message.headers['ce_id'];
      if (!eventId) {
        throw new PoisonMessageError('missing_ce_id', {
          es: 'El mensaje no tiene el atributo CloudEvents "id" (cabecera ce_id); no se puede procesar de forma idempotente.',
          en: 'The message has no CloudEvents "id" attribute (ce_id header); it cannot be processed idempotently.',
        });
      }
      await handleOnce(options.dataSource, { consumer: options.consumer, eventId, schema }, (manager) =>
        options.handler(message, manager),
      );
    },
  });
}
