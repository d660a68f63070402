import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHILD_IDENTIFYING_FIELDS, IDENTIFYING_FIELD_CATEGORY } from './identifying';
import { INDICATOR_DEFINITIONS, INDICATOR_FIELDS } from './indicators';

const DOC = readFileSync(join(__dirname, '../../../../../docs/referrals-indicators.md'), 'utf8');
const rowOf = (code: string) => DOC.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));

describe('docs/referrals-indicators.md', () => {
  it.each(INDICATOR_FIELDS)(
    'has a row for %s with its labels, category and every code with its labels',
    (field) => {
      const def = INDICATOR_DEFINITIONS[field];
      const row = rowOf(field);
      expect(row).toBeDefined();
      expect(row).toContain(`| ${def.label.es} | ${def.label.en} |`);
      expect(row).toContain(`| \`${def.category}\` |`);
      for (const [code, label] of Object.entries(def.values ?? {})) {
        expect(row).toContain(`\`${code}\` ${label.es} / ${label.en}`);
      }
      expect(row?.split('|').at(-2)?.trim().length).toBeGreaterThan(10); // why it is non-identifying
    },
  );

  it('lists every identifying field with its data category, and no other', () => {
    for (const field of CHILD_IDENTIFYING_FIELDS) {
      expect(rowOf(field)).toMatch(new RegExp(`\\| \`${IDENTIFYING_FIELD_CATEGORY[field]}\` \\|$`));
    }
    const rows = DOC.split('\n').filter((l) => /^\| `[a-zA-Z]+` \|/.test(l)).length;
    expect(rows).toBe(INDICATOR_FIELDS.length + CHILD_IDENTIFYING_FIELDS.length);
  });
});
