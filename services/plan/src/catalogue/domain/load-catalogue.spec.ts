import { CatalogueValidationError } from './catalogue.errors';
import { importCommandFrom } from './load-catalogue';
import { sampleCatalogue } from './test-fixtures';

describe('importCommandFrom', () => {
  it('returns the ImportCatalogue command for a valid catalogue', () => {
    const command = importCommandFrom(sampleCatalogue());
    expect(command.type).toBe('ImportCatalogue');
    expect(command.catalogue.planId).toBe('2017-2022');
    expect(command.reason.es).toBe('Importación inicial del plan.');
  });
  it('refuses an invalid file with the problems in es and en', () => {
    const bad = { ...sampleCatalogue(), scheduleYears: [2030] };
    let caught: unknown;
    try {
      importCommandFrom(bad);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CatalogueValidationError);
    const error = caught as CatalogueValidationError;
    expect(error.code).toBe('catalogue.invalid');
    expect(error.problems.map((p) => p.code)).toContain('catalogue.schedule_year_outside_period');
    expect(error.text.es).toContain('/scheduleYears');
  });
});
