/**
 * A service without the platform (`platform: false`): the kit reads no platform variable, starts no PostgreSQL
 * and no audit pool, and still applies the same guards (default deny, 403 written to the service's log), the
 * error filter and health. Unit project: if the kit tried to open a database here, the test would fail.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Inject, Module, type DynamicModule } from '@nestjs/common';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import request from 'supertest';
import { Public } from '@crm/auth';
import { ConfigurationError } from '@crm/config';
import { createNestLogger } from '@crm/pii';
import { captureLog } from '@crm/pii/testing';
import { loadServiceConfig } from '../config/service-config';
import type { ServiceContext, ServiceDefinition } from './service-definition';
import { startService, type RunningService } from './start-service';
import { SERVICE_ENV } from './tokens';

const CONTEXT = Symbol('test.context');

@Controller()
class StandaloneController {
  constructor(@Inject(CONTEXT) private readonly context: ServiceContext<null>) {}

  @Public()
  @Get('whoami')
  whoami() {
    return { url: this.context.url(), greeting: this.context.env.STANDALONE_GREETING };
  }

  @Get('undeclared')
  undeclared() {
    return { leaked: true };
  }
}

@Module({})
class StandaloneModule {
  static forRoot(context: ServiceContext<null>): DynamicModule {
    return {
      module: StandaloneModule,
      controllers: [StandaloneController],
      providers: [{ provide: CONTEXT, useValue: context }],
    };
  }
}

const STANDALONE: ServiceDefinition<null> = {
  name: 'standalone',
  platform: false,
  title: { es: 'Servicio sin plataforma', en: 'Service without the platform' },
  description: { es: 'Prueba del kit.', en: 'Kit test.' },
  listener: { portVariable: 'STANDALONE_PORT', hostVariable: 'STANDALONE_HOST', defaultPort: 3999 },
  modules: (context) => [StandaloneModule.forRoot(context)],
};

describe('a service without the platform (platform: false)', () => {
  const ISSUER = 'https://idp.example.org/realms/test';
  let dir: string;
  let jwks: Server;
  let jwksUrl: string;
  let key: KeyLike;
  let service: RunningService<null>;
  const log = captureLog();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crm-kit-standalone-'));
    const pair = await generateKeyPair('ES256');
    key = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
    jwks = createServer((_req, res) => res.end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as { port: number }).port}/jwks`;
    service = await startService(STANDALONE, {
      env: {
        // platform variables that would stop a service on the platform: not read at all here
        BUS: 'kafka',
        DATABASE_URL: 'mysql://nope',
        CRM_DATA_DIR: dir,
        AUTH_MODE: 'oidc',
        OIDC_ISSUER: ISSUER,
        OIDC_AUDIENCE: 'crm-platform',
        OIDC_JWKS_URL: jwksUrl,
        STANDALONE_GREETING: 'hola',
      },
      port: 0,
      host: '127.0.0.1',
      log: () => undefined,
      logger: createNestLogger('standalone', { destination: log.stream, level: 'warn' }),
    });
  });

  afterAll(async () => {
    await service?.close();
    await new Promise((r) => jwks?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts no platform: no event store, no database, nothing written under CRM_DATA_DIR', () => {
    expect(service.platform).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(join(dir, 'postgres'))).toBe(false);
  });

  it('serves health and gives its modules the environment and, once listening, its URL', async () => {
    await request(service.url).get('/health').expect(200, { status: 'ok', service: 'standalone' });
    await request(service.url).get('/whoami').expect(200, { url: service.url, greeting: 'hola' });
    expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('keeps default deny: 401 es/en without a token, 403 for an undeclared route, written to its log', async () => {
    const missing = await request(service.url).get('/undeclared').expect(401);
    expect(missing.body).toMatchObject({
      code: 'auth.missing_token',
      message: { es: expect.any(String), en: expect.any(String) },
    });
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ crm_country: 'HN', crm_institution: 'HN/MRE', crm_roles: ['observer'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience('crm-platform')
      .setSubject('u1')
      .setExpirationTime(now + 60)
      .sign(key);
    // observer with a country: the verifier proves it checked the token (401 invalid_claims, not 403)
    await request(service.url).get('/undeclared').set('Authorization', `Bearer ${token}`).expect(401);
    const valid = await new SignJWT({
      crm_country: 'HN',
      crm_institution: 'HN/MRE',
      crm_roles: ['reporting_officer'],
    })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience('crm-platform')
      .setSubject('u2')
      .setExpirationTime(now + 60)
      .sign(key);
    const denied = await request(service.url)
      .get('/undeclared')
      .set('Authorization', `Bearer ${valid}`)
      .expect(403);
    expect(denied.body.code).toBe('auth.forbidden.operation_not_declared');
    await new Promise((r) => setImmediate(r));
    const entry = log.lines.map((l) => JSON.parse(l)).find((l) => l.context === 'AccessAudit');
    expect(entry).toMatchObject({
      msg: 'access denied',
      operation: '(none)',
      outcome: 'denied',
      reason: 'operation_not_declared',
      principal: { subject: 'u2', country: 'HN' },
      resource: { method: 'GET', path: '/undeclared' },
    });
  });

  it('refuses to call url() before it listens', async () => {
    let early: unknown;
    const probe: ServiceDefinition<null> = {
      ...STANDALONE,
      modules: (context) => {
        try {
          context.url();
        } catch (e) {
          early = e;
        }
        return [];
      },
    };
    const s = await startService(probe, {
      env: { AUTH_MODE: 'oidc', OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: 'a', OIDC_JWKS_URL: jwksUrl },
      port: 0,
      host: '127.0.0.1',
      log: () => undefined,
      logger: createNestLogger('standalone', { destination: log.stream, level: 'silent' }),
    });
    await s.close();
    expect(String(early)).toContain('before the service listens');
  });

  it("checks the service's own variables before anything starts and gives its modules the environment", async () => {
    const base = { AUTH_MODE: 'oidc', OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: 'a', OIDC_JWKS_URL: jwksUrl };
    let built = false;
    const own: ServiceDefinition<null> = {
      ...STANDALONE,
      checkEnvironment: (env) => {
        if (env.STANDALONE_GREETING !== 'hola')
          throw new ConfigurationError(
            'config.invalid',
            { es: 'STANDALONE_GREETING: debe ser "hola"', en: 'STANDALONE_GREETING: must be "hola"' },
            { variable: 'STANDALONE_GREETING' },
          );
      },
      modules: (context) => {
        built = true;
        return STANDALONE.modules(context);
      },
    };
    const options = {
      port: 0,
      host: '127.0.0.1',
      log: () => undefined,
      logger: createNestLogger('standalone', { destination: log.stream, level: 'silent' }),
    };
    await expect(
      startService(own, { ...options, env: { ...base, STANDALONE_GREETING: 'hi' } }),
    ).rejects.toMatchObject({ details: { variable: 'STANDALONE_GREETING' } });
    expect(built).toBe(false);
    const s = await startService(own, { ...options, env: { ...base, STANDALONE_GREETING: 'hola' } });
    try {
      expect(s.app.get(SERVICE_ENV)).toMatchObject({ STANDALONE_GREETING: 'hola' });
    } finally {
      await s.close();
    }
  });
});

describe('loadServiceConfig', () => {
  const listener = { portVariable: 'X_PORT', hostVariable: 'X_HOST', defaultPort: 3999 };

  it('reads the platform variables of a service on the platform (an invalid one names the variable)', () => {
    expect(loadServiceConfig({ listener }, {}).platform).toMatchObject({ bus: 'postgres', dataDir: '.data' });
    let err: unknown;
    try {
      loadServiceConfig({ listener }, { BUS: 'kafka' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as ConfigurationError).details.variable).toBe('KAFKA_BROKERS');
  });

  it('reads none of them with { platform: false }, and still checks its own listener', () => {
    const config = loadServiceConfig({ listener, platform: false }, { BUS: 'kafka', X_PORT: '4000' });
    expect(config.platform).toBeUndefined();
    expect(config.port).toBe(4000);
    expect(() => loadServiceConfig({ listener, platform: false }, { X_PORT: 'x' })).toThrow(/X_PORT/);
  });
});
