import { type LocalizedText, ValidationError } from '@crm/kernel';
import type { CatalogueProblem } from './catalogue.types';

/** The command's content is invalid whatever the state (HTTP 422). Nothing is stored. */
export class CatalogueValidationError extends ValidationError {
  constructor(code: string, text: LocalizedText, details: Record<string, unknown> = {}) {
    super(code, text, details);
  }

  /** The list of problems found by the validator, when the error comes from one. */
  get problems(): CatalogueProblem[] {
    return (this.details.problems as CatalogueProblem[] | undefined) ?? [];
  }
}
