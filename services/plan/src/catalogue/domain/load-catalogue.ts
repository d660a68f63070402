/**
 * Turns a parsed catalogue file into the ImportCatalogue command, after validating it.
 * Pure: the caller reads the file (see services/plan/catalogue/load.ts).
 */
import { CatalogueValidationError } from './catalogue.errors';
import type { ImportCatalogue, Reason } from './commands';
import type { PlanCatalogue } from './catalogue.types';
import { validateCatalogue } from './validate-catalogue';

export function importCommandFrom(
  parsed: unknown,
  reason: Reason = { es: 'Importación inicial del plan.', en: 'Initial import of the plan.' },
): ImportCatalogue {
  const problems = validateCatalogue(parsed);
  if (problems.length > 0) {
    throw new CatalogueValidationError(
      'catalogue.invalid',
      {
        es: `El catálogo no es válido (${problems.length} problema(s)): ${problems
          .slice(0, 5)
          .map((p) => `${p.path}: ${p.message.es}`)
          .join('; ')}`,
        en: `The catalogue is not valid (${problems.length} problem(s)): ${problems
          .slice(0, 5)
          .map((p) => `${p.path}: ${p.message.en}`)
          .join('; ')}`,
      },
      { problems },
    );
  }
  return { type: 'ImportCatalogue', catalogue: parsed as PlanCatalogue, reason };
}
