/**
 * Thin file wrapper around the pure loader: read a catalogue JSON file and return the ImportCatalogue command.
 * A later plan (e.g. 2023-2027) is imported the same way from its own file of the same format.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportCatalogue, Reason } from '../src/catalogue/domain/commands';
import { importCommandFrom } from '../src/catalogue/domain/load-catalogue';

export const PLAN_2017_2022_FILE = join(__dirname, 'plan-2017-2022.json');

export function loadCatalogueFile(path: string, reason?: Reason): ImportCatalogue {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  return importCommandFrom(parsed, reason);
}
