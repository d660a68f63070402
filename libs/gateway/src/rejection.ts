import { PoisonMessageError } from '@crm/messaging';
import { CALLER_ERROR_KINDS, errorKindOf, LocalizedError, type LocalizedText } from '@crm/kernel';
import type { Rejection } from '@crm/contracts';

/** Longest `reason` text of a dead letter (details are summarised, never the message body). */
const MAX_REASON_LENGTH = 1000;

/** A message refused by the inbound gate: dead-lettered with its machine-readable code and es/en text. */
export class InboundRejectedError extends PoisonMessageError {
  constructor(readonly rejection: Rejection) {
    super(rejection.code, rejection.message);
    this.name = 'InboundRejectedError';
    // The dead letter's `reason`: code, English text and the small details (path, header...), no payload.
    const { problems: _problems, ...details } = rejection.details;
    const summary = `${rejection.code}: ${rejection.message.en} ${safeJson(details)}`;
    this.message =
      summary.length > MAX_REASON_LENGTH ? `${summary.slice(0, MAX_REASON_LENGTH - 1)}…` : summary;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '{}';
  }
}

/** What an outcome event says about a refused command. */
export interface BusinessReason {
  code: string;
  message: LocalizedText;
  details?: Record<string, unknown>;
}

const REASON_CODE = /^[a-z][a-z0-9_.]{0,99}$/;

/**
 * True for a command refused for a business reason: a LocalizedError whose kind is the caller's to fix
 * (validation, workflow conflict, not found, forbidden, invalid request...) other than a concurrency conflict
 * (`event_store.wrong_expected_revision`, transient: the bus retries it). Such a refusal stored nothing and
 * becomes a `rejected` outcome event; any other error is retried and finally dead-lettered.
 */
export function isBusinessRejection(error: unknown): error is LocalizedError {
  if (!(error instanceof LocalizedError)) return false;
  if (error.code === 'event_store.wrong_expected_revision') return false;
  const kind = errorKindOf(error);
  return kind !== undefined && CALLER_ERROR_KINDS.has(kind);
}

/** The outcome `reason` of a business refusal: stable code, es/en message and JSON-safe details. */
export function businessReason(error: LocalizedError): BusinessReason {
  const code = REASON_CODE.test(error.code) ? error.code : 'rejected';
  const details = jsonSafe(error.details);
  return {
    code,
    message: { es: error.text.es, en: error.text.en },
    ...(details && Object.keys(details).length > 0 ? { details } : {}),
  };
}

function jsonSafe(details: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!details) return undefined;
  try {
    const copy = JSON.parse(JSON.stringify(details)) as unknown;
    return typeof copy === 'object' && copy !== null && !Array.isArray(copy)
      ? (copy as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
