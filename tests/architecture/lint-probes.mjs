// Lints virtual files (path + source on stdin as JSON) with the project's ESLint configuration in one
// process and prints each probe's messages as JSON. Used by module-boundaries.spec.ts.
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';

const probes = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const probe of probes) {
  const [result] = await eslint.lintText(probe.code, { filePath: probe.file });
  out.push(result.messages.map((m) => `${m.ruleId}: ${m.message}`));
}
process.stdout.write(JSON.stringify(out));
