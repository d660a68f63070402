import { LocalizedError, type LocalizedText } from '@crm/kernel';

/** A command that does not fit the report's current workflow state (HTTP 409). Nothing is stored. */
export class ReportWorkflowError extends LocalizedError {
  readonly httpStatus = 409;
  constructor(code: string, text: LocalizedText, details: Record<string, unknown> = {}) {
    super(code, text, details);
  }
}

/** A command whose content is invalid whatever the state (HTTP 422). Nothing is stored. */
export class ReportValidationError extends LocalizedError {
  readonly httpStatus = 422;
  constructor(code: string, text: LocalizedText, details: Record<string, unknown> = {}) {
    super(code, text, details);
  }
}
