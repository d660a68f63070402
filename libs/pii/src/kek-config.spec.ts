import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@crm/config';
import { loadKekRing } from './kek-config';

describe('KEK configuration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-kek-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a development KEK once into <CRM_DATA_DIR>/pii/kek and reuses it', () => {
    const a = loadKekRing({ CRM_DATA_DIR: dir });
    const b = loadKekRing({ CRM_DATA_DIR: dir });
    expect(a.source).toBe('dev-file');
    expect(a.ring.current.kekId).toBe(b.ring.current.kekId);
    expect(statSync(join(dir, 'pii', 'kek')).mode & 0o077).toBe(0);
  });

  it('reads PII_KEK, PII_KEK_FILE and PII_KEK_PREVIOUS', () => {
    const k1 = randomBytes(32).toString('base64');
    const k2 = randomBytes(32).toString('base64');
    const file = join(dir, 'kek.b64');
    writeFileSync(file, `${k1}\n`);
    const fromEnv = loadKekRing({ PII_KEK: k1, PII_KEK_PREVIOUS: k2 });
    const fromFile = loadKekRing({ PII_KEK_FILE: file });
    expect(fromEnv.ring.current.kekId).toBe(fromFile.ring.current.kekId);
    expect(fromEnv.ring.ids()).toHaveLength(2);
  });

  it.each([
    [{ PII_KEK: 'c2hvcnQ=' }, 'PII_KEK'],
    [{ PII_KEK: randomBytes(32).toString('base64'), PII_KEK_FILE: '/x' }, 'PII_KEK'],
    [{ PII_KEK_FILE: '/nonexistent/kek' }, 'PII_KEK_FILE'],
    [{ NODE_ENV: 'production' }, 'PII_KEK'],
    [{ PII_KEK: randomBytes(32).toString('base64'), PII_KEK_PREVIOUS: 'abc' }, 'PII_KEK_PREVIOUS'],
  ])('refuses %j with an es/en error naming %s', (env, variable) => {
    let err: unknown;
    try {
      loadKekRing({ CRM_DATA_DIR: dir, ...env });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as ConfigurationError).details.variable).toBe(variable);
    expect((err as ConfigurationError).text.es).toContain(variable);
  });
});
