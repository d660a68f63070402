import type { ContractDefinition } from './contract';
import { contractKey } from './naming';
import { PERSONAL_DATA_FIELDS, PERSONAL_DATA_PATH, personalDataFieldsOf } from './personal-data';
import { ALL_CONTRACTS } from './registry';

/** Does a dotted path name a property declared in the schema (through objects and array items)? */
function schemaHasPath(schema: any, path: string[]): boolean {
  if (path.length === 0) return true;
  if (!schema || typeof schema !== 'object') return false;
  const [head, ...rest] = path;
  const alternatives = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  if (alternatives.some((s: unknown) => schemaHasPath(s, path))) return true;
  if (schema.items) return schemaHasPath(schema.items, path);
  return schema.properties && head !== undefined && head in schema.properties
    ? schemaHasPath(schema.properties[head], rest)
    : false;
}

describe('personal-data declarations', () => {
  it('exist for exactly the published contracts', () => {
    expect(Object.keys(PERSONAL_DATA_FIELDS).sort()).toEqual(
      ALL_CONTRACTS.map((c) => contractKey(c.name, c.version)).sort(),
    );
  });

  it('name real schema fields with the @crm/pii dotted-path syntax', () => {
    for (const c of ALL_CONTRACTS as readonly ContractDefinition[]) {
      for (const field of personalDataFieldsOf(contractKey(c.name, c.version))) {
        expect(field).toMatch(PERSONAL_DATA_PATH);
        expect(schemaHasPath(c.schema, field.split('.'))).toBe(true);
      }
    }
  });

  it('the path checker finds declared fields and refuses undeclared ones', () => {
    const schema = ALL_CONTRACTS.find((c) => c.name === 'plan.report.submission-requested')!.schema;
    expect(schemaHasPath(schema, ['narrative', 'es'])).toBe(true);
    expect(schemaHasPath(schema, ['indicators', 'unit'])).toBe(true);
    expect(schemaHasPath(schema, ['child', 'name'])).toBe(false);
  });

  it('plan events carry no child personal data', () => {
    for (const c of ALL_CONTRACTS.filter((c) => c.service === 'plan'))
      expect(personalDataFieldsOf(contractKey(c.name, c.version))).toEqual([]);
  });

  it('referral events carry no child personal data either (ids, codes and instants; the data is pulled over HTTPS)', () => {
    const referrals = ALL_CONTRACTS.filter((c) => c.service === 'referrals');
    expect(referrals.length).toBeGreaterThan(0);
    for (const c of referrals) expect(personalDataFieldsOf(contractKey(c.name, c.version))).toEqual([]);
  });

  it('an unknown contract has no declaration', () => {
    expect(() => personalDataFieldsOf('referrals.case.opened.v1')).toThrow(/no personal-data declaration/);
  });
});
