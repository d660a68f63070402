import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffGenerated, generatedFiles } from './generated-files';

const contractsRoot = join(__dirname, '..');

describe('generated contract files (schemas/, asyncapi/)', () => {
  it('are exactly what scripts/generate.ts would write (run it after changing a contract)', () => {
    expect(diffGenerated(contractsRoot)).toEqual([]);
  });

  it('are deterministic', () => {
    expect(generatedFiles()).toEqual(generatedFiles());
  });

  describe('drift detection on a copy', () => {
    let copy: string;
    beforeEach(() => {
      copy = mkdtempSync(join(tmpdir(), 'contracts-drift-'));
      for (const dir of ['schemas', 'asyncapi'])
        cpSync(join(contractsRoot, dir), join(copy, dir), { recursive: true });
    });
    afterEach(() => rmSync(copy, { recursive: true, force: true }));

    it('reports a hand-edited schema', () => {
      const file = join(copy, 'schemas/plan/plan.report.submitted.v1.json');
      const schema = JSON.parse(readFileSync(file, 'utf8'));
      schema.required = schema.required.filter((k: string) => k !== 'period');
      writeFileSync(file, JSON.stringify(schema));
      expect(diffGenerated(copy)).toEqual(['changed: schemas/plan/plan.report.submitted.v1.json']);
    });

    it('reports stale and missing files, but not mere re-formatting', () => {
      const file = join(copy, 'schemas/plan/plan.report.approved.v1.json');
      writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(file, 'utf8'))));
      writeFileSync(join(copy, 'schemas/plan/plan.report.deleted.v1.json'), '{}');
      rmSync(join(copy, 'asyncapi/alerts.asyncapi.yaml'));
      expect(diffGenerated(copy).sort()).toEqual([
        'missing: asyncapi/alerts.asyncapi.yaml',
        'stale: schemas/plan/plan.report.deleted.v1.json',
      ]);
    });
  });
});
