import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServiceConfig } from './service-config';

const PLAN = { listener: { portVariable: 'PLAN_PORT', hostVariable: 'PLAN_HOST', defaultPort: 3001 } };

function refusal(env: NodeJS.ProcessEnv): { variable: unknown; es: string; en: string } {
  try {
    loadServiceConfig(PLAN, env);
  } catch (e) {
    const error = e as { details: { variable: unknown }; text: { es: string; en: string } };
    return { variable: error.details.variable, ...error.text };
  }
  throw new Error('expected a configuration error');
}

describe('loadServiceConfig: one loader per process, checked before anything starts', () => {
  it('defaults: the service port, 127.0.0.1 with the development issuer, LOG_LEVEL warn', () => {
    const config = loadServiceConfig(PLAN, {});
    expect(config).toMatchObject({ port: 3001, host: '127.0.0.1', logLevel: 'warn' });
    expect(config.platform?.eventStore).toBe('postgres');
    expect(config.kek).toBeUndefined();
  });

  it('reads the service port, host and log level', () => {
    expect(loadServiceConfig(PLAN, { PLAN_PORT: '0', PLAN_HOST: '::1', LOG_LEVEL: 'debug' })).toMatchObject({
      port: 0,
      host: '::1',
      logLevel: 'debug',
    });
    expect(loadServiceConfig(PLAN, { PLAN_HOST: 'plan.internal' }).host).toBe('plan.internal');
  });

  it.each([
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ PLAN_HOST: 'not a host!' }, 'PLAN_HOST'],
    [{ PLAN_PORT: '70000' }, 'PLAN_PORT'],
    [{ PLAN_PORT: '3001abc' }, 'PLAN_PORT'],
    [{ BUS: 'rabbit' }, 'BUS'],
    [{ AUTH_MODE: 'magic' }, 'AUTH_MODE'],
  ])('%p is refused with an es/en text naming %s', (env, variable) => {
    const r = refusal(env);
    expect(r.variable).toBe(variable);
    expect(r.es.startsWith(`${variable}:`)).toBe(true);
    expect(r.en.startsWith(`${variable}:`)).toBe(true);
    expect(r.es).not.toBe(r.en);
  });

  it('a service with personal data gets its key-encryption key: generated under CRM_DATA_DIR in development', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-kit-kek-'));
    try {
      const config = loadServiceConfig({ ...PLAN, personalData: true }, { CRM_DATA_DIR: dir });
      expect(config.kek?.source).toBe('dev-file');
      expect(existsSync(join(dir, 'pii', 'kek'))).toBe(true);
      const again = loadServiceConfig({ ...PLAN, personalData: true }, { CRM_DATA_DIR: dir });
      expect(again.kek?.ring.current.kekId).toBe(config.kek?.ring.current.kekId);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to generate a development key in production', () => {
    const r = (() => {
      try {
        loadServiceConfig({ ...PLAN, personalData: true }, { NODE_ENV: 'production' });
      } catch (e) {
        return (e as { details: { variable: unknown } }).details.variable;
      }
      return undefined;
    })();
    expect(r).toBe('PII_KEK');
  });
});
