/**
 * Writes the JSON Schema files (`contracts/schemas/<service>/<name>.v<N>.json`) and the AsyncAPI
 * documents (`contracts/asyncapi/*.yaml`) from the TypeBox contracts, removing stale generated files.
 *   npx ts-node -r tsconfig-paths/register -P tsconfig.base.json --transpile-only contracts/scripts/generate.ts
 * `--check` writes nothing and exits 1 when the checked-in files drifted (the unit test does the same).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { diffGenerated, GENERATED_DIRS, generatedFiles } from '../src/generated-files';

const root = join(__dirname, '..');
const check = process.argv.includes('--check');

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}

if (check) {
  const drift = diffGenerated(root);
  console.log(drift.length === 0 ? 'contracts: generated files are up to date' : drift.join('\n'));
  process.exit(drift.length === 0 ? 0 : 1);
}

const wanted = new Map(generatedFiles().map((f) => [f.path, f.content]));
const existing = GENERATED_DIRS.flatMap((d) => listFiles(join(root, d))).map((f) => relative(root, f));
const changes: string[] = [];

for (const path of existing) {
  if (!wanted.has(path)) {
    changes.push(`removed stale: ${path}`);
    rmSync(join(root, path));
  }
}
for (const [path, content] of wanted) {
  const file = join(root, path);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : null;
  if (current === content) continue;
  changes.push(`${current === null ? 'new' : 'changed'}: ${path}`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}
console.log(changes.length === 0 ? 'contracts: generated files are up to date' : changes.join('\n'));
