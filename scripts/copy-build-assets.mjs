// Part of `npm run build`: copies the JSON files that compiled code reads at run time beside itself (e.g.
// services/plan/catalogue/plan-2017-2022.json, read from `__dirname`) to the same place under dist/.
// Every *.json below libs/ and services/ except package.json and test folders.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const SKIP = new Set(['node_modules', 'dist', 'test', 'testing', '.cache']);

function* assets(dir) {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name)) yield* assets(path);
    } else if (entry.name.endsWith('.json') && entry.name !== 'package.json') yield path;
  }
}

let copied = 0;
for (const top of ['libs', 'services']) {
  for (const file of assets(top)) {
    mkdirSync(dirname(join(root, 'dist', file)), { recursive: true });
    copyFileSync(join(root, file), join(root, 'dist', file));
    copied += 1;
  }
}
process.stdout.write(`build: ${copied} JSON assets copied to dist/\n`);
