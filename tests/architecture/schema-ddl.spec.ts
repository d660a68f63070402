import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Tables come from migrations only: no source file under libs/ or services/ creates, alters or drops a table
 * or an index at start-up, except TypeORM migration classes (files inside a `migrations/` folder, run by
 * runMigrations from @crm/config) and test code (`*.spec.ts`, `testing/` folders, `test-support.ts`).
 * See docs/relay-and-consumers.md ("Schemas: one migration runner").
 */
const root = join(__dirname, '..', '..');
const DDL =
  /\b(CREATE\s+(UNLOGGED\s+|TEMP(ORARY)?\s+)?TABLE|ALTER\s+TABLE|DROP\s+TABLE|CREATE\s+(UNIQUE\s+)?INDEX)\b/i;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs|cjs)$/.test(entry.name) ? [relative(root, path).split(sep).join('/')] : [];
  });
}

const isMigration = (file: string) => file.split('/').includes('migrations');
const isTestCode = (file: string) =>
  /\.spec\.ts$/.test(file) || file.split('/').includes('testing') || file.endsWith('/test-support.ts');

const files = ['libs', 'services'].flatMap((d) => sourceFiles(join(root, d)));
const withDdl = files.filter((f) => DDL.test(readFileSync(join(root, f), 'utf8')));

describe('schemas only through migrations', () => {
  it('no source file outside migrations and tests under libs/ or services/ contains table or index DDL', () => {
    expect(withDdl.filter((f) => !isMigration(f) && !isTestCode(f))).toEqual([]);
  });

  it('the scan sees the DDL of the migrations themselves (so the pattern finds what it looks for)', () => {
    const migrations = withDdl.filter(isMigration);
    for (const owner of [
      'libs/event-store-postgres/src/migrations/',
      'libs/messaging-postgres/src/migrations/',
      'libs/auth/src/migrations/',
      'libs/pii/src/migrations/',
      'libs/projection/src/migrations/',
      'libs/deadlines/src/migrations/',
      'libs/gateway/src/migrations/',
      'services/plan/src/read-models/migrations/',
      'services/referrals/src/consent-process/migrations/',
    ])
      expect(migrations.some((f) => f.startsWith(owner))).toBe(true);
  });

  it.each([
    ['CREATE TABLE IF NOT EXISTS audit.access_denials (', true],
    ['create   unlogged table x (a int)', true],
    ['ALTER TABLE plan_read.report_status ADD COLUMN x int', true],
    ['CREATE UNIQUE INDEX IF NOT EXISTS i ON t (a)', true],
    ["SELECT 'a created table' AS note", false],
    ['INSERT INTO bus.topics (topic) VALUES ($1)', false],
  ])('recognises DDL: %s → %s', (sql, expected) => {
    expect(DDL.test(sql)).toBe(expected);
  });
});
