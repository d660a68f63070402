import { LocalizedError, type LocalizedText } from '@crm/kernel';

/** Bad input about a reporting period or window (a malformed period, a window that closes before it opens). */
export class PeriodValidationError extends LocalizedError {
  readonly httpStatus = 422;
  constructor(code: string, text: LocalizedText, details: Record<string, unknown> = {}) {
    super(code, text, details);
  }
}

/** A window command that does not fit the window stream's current state (schedule twice, change before scheduling). */
export class WindowWorkflowError extends LocalizedError {
  readonly httpStatus = 409;
  constructor(code: string, text: LocalizedText, details: Record<string, unknown> = {}) {
    super(code, text, details);
  }
}

/** The imported plans disagree about a period (two plans cover it: only after concurrent imports). */
export class PlanConflictError extends LocalizedError {
  readonly httpStatus = 409;
  constructor(code: string, text: LocalizedText, details: Record<string, unknown> = {}) {
    super(code, text, details);
  }
}
