import { PoisonMessageError, type DeadLetter, type IncomingMessage } from './types';

/** Exponential back-off between handler attempts. */
export interface BackoffOptions {
  /** Delay before the 2nd attempt. */
  initialMs: number;
  /** Upper bound of any delay. */
  maxMs: number;
  /** Growth per attempt (default 2). */
  factor?: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 100, maxMs: 5_000, factor: 2 };
export const DEFAULT_MAX_ATTEMPTS = 5;

/** Delay to wait after failed attempt number `attempt` (1-based): initial * factor^(attempt-1), capped at max. */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const factor = options.factor ?? 2;
  const raw = options.initialMs * factor ** Math.max(0, attempt - 1);
  return Math.max(0, Math.min(options.maxMs, raw));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function handlerFailedText(attempts: number): { es: string; en: string } {
  return {
    es: `El procesamiento del mensaje falló ${attempts} ${attempts === 1 ? 'vez' : 'veces'}; se envió al tópico de mensajes rechazados.`,
    en: `Handling the message failed ${attempts} ${attempts === 1 ? 'time' : 'times'}; it was sent to the dead-letter topic.`,
  };
}

/** The dead-letter record for a message: the original untouched (value in base64) plus why it was rejected. */
export function deadLetterFor(message: IncomingMessage, error: unknown, attempts: number, failedAt: Date): DeadLetter {
  const poison = error instanceof PoisonMessageError;
  const reason = error instanceof Error ? error.message : String(error);
  return {
    reason,
    code: poison ? error.code : 'handler_failed',
    message: poison ? { es: error.text.es, en: error.text.en } : handlerFailedText(attempts),
    original: {
      topic: message.topic,
      key: message.key,
      partition: message.partition,
      offset: message.offset,
      headers: { ...message.headers },
      valueBase64: message.value.toString('base64'),
    },
    failedAt: failedAt.toISOString(),
    attempts,
  };
}

export type HandlingOutcome =
  | { kind: 'handled'; attempts: number }
  | { kind: 'dead'; letter: DeadLetter }
  /** The consumer stopped before the message was handled: commit nothing, it will be redelivered. */
  | { kind: 'aborted' };

export interface HandleOptions {
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** False once the consumer is stopping: no further attempt is made. */
  isActive: () => boolean;
  now?: () => Date;
  wait?: (ms: number) => Promise<void>;
}

/**
 * Runs `handler` for one message with bounded retries and exponential back-off. A PoisonMessageError
 * or the last failed attempt yields a dead letter; a consumer that stops in between aborts.
 */
export async function handleWithRetries(
  message: IncomingMessage,
  handler: (message: IncomingMessage) => Promise<void>,
  options: HandleOptions,
): Promise<HandlingOutcome> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const wait = options.wait ?? sleep;
  const now = options.now ?? (() => new Date());
  for (let attempt = 1; ; attempt++) {
    if (!options.isActive()) return { kind: 'aborted' };
    try {
      await handler(message);
      return { kind: 'handled', attempts: attempt };
    } catch (error) {
      if (!options.isActive()) return { kind: 'aborted' };
      if (error instanceof PoisonMessageError || attempt >= maxAttempts) {
        return { kind: 'dead', letter: deadLetterFor(message, error, attempt, now()) };
      }
      await wait(backoffDelay(attempt, options.backoff));
    }
  }
}

/** The default dead-letter topic of a topic. */
export function defaultDeadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
