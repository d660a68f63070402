import type { DeadLetter, IncomingMessage } from '@crm/messaging';

export interface Rejection {
  code: string;
  reason: string;
  message: { es: string; en: string };
  attempts: number;
}

export function handlerFailedText(attempts: number): { es: string; en: string } {
  return {
    es: `El procesamiento del mensaje falló ${attempts} veces; se envió a la cola de mensajes rechazados.`,
    en: `Handling the message failed ${attempts} times; it was sent to the dead-letter topic.`,
  };
}

/** The dead-letter record: the original message untouched (value in base64) plus why it was rejected. */
export function buildDeadLetter(message: IncomingMessage, rejection: Rejection, failedAt: Date): DeadLetter {
  return {
    reason: rejection.reason,
    code: rejection.code,
    message: rejection.message,
    original: {
      topic: message.topic,
      key: message.key,
      partition: message.partition,
      offset: message.offset,
      headers: message.headers,
      valueBase64: message.value.toString('base64'),
    },
    failedAt: failedAt.toISOString(),
    attempts: rejection.attempts,
  };
}
