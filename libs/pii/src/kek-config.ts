import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigurationError } from '@crm/config';
import { KekRing, LocalKeyEncryptionKey } from './kek';

function fail(variable: string, es: string, en: string): never {
  throw new ConfigurationError(
    'config.invalid',
    { es: `${variable}: ${es}`, en: `${variable}: ${en}` },
    { variable },
  );
}

function decodeKek(variable: string, text: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32)
    fail(variable, 'debe contener 32 bytes en base64', 'must hold 32 bytes, base64-encoded');
  return key;
}

/**
 * The KEK ring from the environment:
 *   PII_KEK            base64 of 32 random bytes (current KEK), or
 *   PII_KEK_FILE       path of a file holding that base64 text (e.g. a mounted secret)
 *   PII_KEK_PREVIOUS   comma-separated base64 KEKs still accepted for unwrapping (during a rotation)
 * With neither PII_KEK nor PII_KEK_FILE, a development KEK is generated once into <CRM_DATA_DIR>/pii/kek
 * (refused when NODE_ENV=production).
 */
export function loadKekRing(env: NodeJS.ProcessEnv = process.env): {
  ring: KekRing;
  source: 'env' | 'file' | 'dev-file';
  file?: string;
} {
  if (env.PII_KEK && env.PII_KEK_FILE)
    fail('PII_KEK', 'no puede usarse junto con PII_KEK_FILE', 'cannot be combined with PII_KEK_FILE');
  const previous = (env.PII_KEK_PREVIOUS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => new LocalKeyEncryptionKey(decodeKek('PII_KEK_PREVIOUS', s)));
  if (env.PII_KEK)
    return {
      ring: new KekRing(new LocalKeyEncryptionKey(decodeKek('PII_KEK', env.PII_KEK)), previous),
      source: 'env',
    };
  if (env.PII_KEK_FILE) {
    let text: string;
    try {
      text = readFileSync(env.PII_KEK_FILE, 'utf8');
    } catch {
      fail('PII_KEK_FILE', `no se puede leer ${env.PII_KEK_FILE}`, `cannot read ${env.PII_KEK_FILE}`);
    }
    return {
      ring: new KekRing(new LocalKeyEncryptionKey(decodeKek('PII_KEK_FILE', text)), previous),
      source: 'file',
      file: env.PII_KEK_FILE,
    };
  }
  if (env.NODE_ENV === 'production') {
    fail(
      'PII_KEK',
      'es obligatorio en producción (o PII_KEK_FILE)',
      'is required in production (or PII_KEK_FILE)',
    );
  }
  const file = resolve(join(env.CRM_DATA_DIR || '.data', 'pii', 'kek'));
  return {
    ring: new KekRing(new LocalKeyEncryptionKey(loadOrCreateDevKek(file)), previous),
    source: 'dev-file',
    file,
  };
}

/** Creates the development KEK atomically on first start (concurrent starters agree on one key). */
function loadOrCreateDevKek(file: string): Buffer {
  try {
    return decodeKek('PII_KEK_FILE', readFileSync(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  try {
    linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    rmSync(tmp, { force: true });
  }
  chmodSync(file, 0o600);
  return decodeKek('PII_KEK_FILE', readFileSync(file, 'utf8'));
}
