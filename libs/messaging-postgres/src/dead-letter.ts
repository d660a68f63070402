import type { DeadLetterText } from '@crm/messaging';

/**
 * The postgres bus's wording of the dead letter of a message whose handler failed every attempt, kept as
 * the adapter always wrote it (the shared `handlerFailedText` of `@crm/messaging` says "vez/veces" and
 * "tópico"). Aligning the two changes the text of new dead letters: a product decision, not a refactor.
 */
export function postgresHandlerFailedText(attempts: number): DeadLetterText {
  return {
    es: `El procesamiento del mensaje falló ${attempts} veces; se envió a la cola de mensajes rechazados.`,
    en: `Handling the message failed ${attempts} times; it was sent to the dead-letter topic.`,
  };
}
