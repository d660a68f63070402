import { LocalizedError, type LocalizedText } from '@crm/kernel';
import type { CatalogueProblem } from './catalogue.types';

/** The command does not fit the catalogue's current state (HTTP 409). Nothing is stored. */
export class CatalogueConflictError extends LocalizedError {
  readonly httpStatus = 409;
  constructor(code: string, text: LocalizedText, details: Record<string, unknown> = {}) {
    super(code, text, details);
  }
}

/** The command's content is invalid whatever the state (HTTP 422). Nothing is stored. */
export class CatalogueValidationError extends LocalizedError {
  readonly httpStatus = 422;
  constructor(code: string, text: LocalizedText, details: Record<string, unknown> = {}) {
    super(code, text, details);
  }

  /** The list of problems found by the validator, when the error comes from one. */
  get problems(): CatalogueProblem[] {
    return (this.details.problems as CatalogueProblem[] | undefined) ?? [];
  }
}
