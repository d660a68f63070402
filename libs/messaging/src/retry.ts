import { PoisonMessageError, type DeadLetter, type IncomingMessage, type MessageHeaders } from './types';

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

export function handlerFailedText(attempts: number): DeadLetterText {
  return {
    es: `El procesamiento del mensaje falló ${attempts} ${attempts === 1 ? 'vez' : 'veces'}; se envió al tópico de mensajes rechazados.`,
    en: `Handling the message failed ${attempts} ${attempts === 1 ? 'time' : 'times'}; it was sent to the dead-letter topic.`,
  };
}

/** Spanish and English text of a dead letter. */
export type DeadLetterText = { es: string; en: string };

/**
 * A PoisonMessageError, also one thrown from another copy of this module (same name, a string code and
 * an es/en text): `instanceof` alone would miss it and retry a message that can never succeed.
 */
export function isPoisonMessageError(error: unknown): error is PoisonMessageError {
  if (error instanceof PoisonMessageError) return true;
  const e = error as
    { name?: unknown; code?: unknown; text?: { es?: unknown; en?: unknown } } | null | undefined;
  return (
    e?.name === 'PoisonMessageError' &&
    typeof e.code === 'string' &&
    typeof e.text?.es === 'string' &&
    typeof e.text.en === 'string'
  );
}

/** Why the handler failed, as stored in `DeadLetter.reason`: the error's message, else the thrown value. */
export function failureReason(error: unknown): string {
  return String((error as { message?: unknown } | null | undefined)?.message ?? error);
}

export interface DeadLetterOptions {
  /** Text of a letter whose handler failed every attempt (default `handlerFailedText`). */
  failedText?: (attempts: number) => DeadLetterText;
}

/** The dead-letter record for a message: the original untouched (value in base64) plus why it was rejected. */
export function deadLetterFor(
  message: IncomingMessage,
  error: unknown,
  attempts: number,
  failedAt: Date,
  options: DeadLetterOptions = {},
): DeadLetter {
  const poison = isPoisonMessageError(error);
  return {
    reason: failureReason(error),
    code: poison ? error.code : 'handler_failed',
    message: poison
      ? { es: error.text.es, en: error.text.en }
      : (options.failedText ?? handlerFailedText)(attempts),
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

/** Headers of the dead-letter message: the original headers plus `crm_dead_letter_code`. */
export function deadLetterHeaders(message: IncomingMessage, letter: DeadLetter): MessageHeaders {
  return { ...message.headers, crm_dead_letter_code: letter.code };
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
  /**
   * When true, a failure that is final (a poison message, or the last attempt) is still dead-lettered
   * while the consumer is stopping; only a further retry is given up. Default false: the message is
   * aborted and redelivered.
   */
  deadLetterWhenStopping?: boolean;
  /** Text of a letter whose handler failed every attempt (default `handlerFailedText`). */
  failedText?: DeadLetterOptions['failedText'];
}

/**
 * Runs `handler` for one message with bounded retries and exponential back-off. A PoisonMessageError
 * or the last failed attempt yields a dead letter; a consumer that stops in between aborts (see
 * `deadLetterWhenStopping` for a failure that is already final).
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
      const final = isPoisonMessageError(error) || attempt >= maxAttempts;
      if (!options.isActive() && !(final && options.deadLetterWhenStopping)) return { kind: 'aborted' };
      if (final)
        return {
          kind: 'dead',
          letter: deadLetterFor(message, error, attempt, now(), { failedText: options.failedText }),
        };
      await wait(backoffDelay(attempt, options.backoff));
    }
  }
}

/** The default dead-letter topic of a topic. */
export function defaultDeadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
