/**
 * Test helpers of the identity service (`@crm/identity/testing`): the real identity service in-process, and
 * tokens through its `POST /auth/login`, for the tests of every other service.
 *
 * A project of its own (`services/identity/testing/project.json`, tagged `type:test`): services may not import
 * another service, but their tests may use a test library, as they use `@crm/testing`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { LoggerService } from '@nestjs/common';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoginResult } from '@crm/auth';
import { IDENTITY_SERVICE, LOGIN_PATH } from '@crm/identity';
import { startService, type RunningService } from '@crm/service-kit';

export interface TestIdentity {
  service: RunningService<null>;
  /** Its base URL, also the `iss` of its tokens (unless `env` sets IDENTITY_ISSUER_URL). */
  url: string;
  /** What a service needs in its environment to verify this identity's tokens (AUTH_MODE=dev). */
  env: { IDENTITY_URL: string };
  /** Folder of its ES256 signing key (tests that forge tokens with jose read `es256-private.jwk.json`). */
  keyDir: string;
  /** `POST /auth/login` as it answers (status and body). */
  login(username: string, password?: string): Promise<{ status: number; body: any }>;
  /** An access token of a demo account, through `POST /auth/login` (one per account for the identity's run). */
  token(username: string): Promise<string>;
  /** `Bearer <token>`: the `Authorization` header value for a demo account. */
  bearer(username: string): Promise<string>;
  /** Stops it and removes its key folder (unless `env` gave one). */
  stop(): Promise<void>;
}

/**
 * Starts the identity service (`startService(IDENTITY_SERVICE)`) on a free port (or `port`), with its key in a
 * fresh temporary folder unless `env` names one (DEV_ISSUER_DIR or CRM_DATA_DIR). `logger`: its Nest logger
 * (default the redacting logger at LOG_LEVEL); Nest's logger is one per process, the last application's.
 */
export async function startTestIdentity(
  options: { env?: NodeJS.ProcessEnv; port?: number; logger?: LoggerService } = {},
): Promise<TestIdentity> {
  const own =
    options.env?.DEV_ISSUER_DIR || options.env?.CRM_DATA_DIR
      ? undefined
      : mkdtempSync(join(tmpdir(), 'crm-identity-'));
  // tests log many demo accounts in from one address: the login rate limit is lifted unless `env` sets it
  // (the limit itself is tested in libs/service-kit and services/identity)
  const env: NodeJS.ProcessEnv = {
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    RATE_LIMIT_PER_MINUTE: '0',
    ...(own ? { CRM_DATA_DIR: own } : {}),
    ...options.env,
  };
  const keyDir = env.DEV_ISSUER_DIR || join(env.CRM_DATA_DIR as string, 'dev-issuer');
  let service: RunningService<null>;
  try {
    service = await startService(IDENTITY_SERVICE, {
      env,
      port: options.port ?? 0,
      host: '127.0.0.1',
      log: () => undefined,
      ...(options.logger ? { logger: options.logger } : {}),
    });
  } catch (e) {
    if (own) rmSync(own, { recursive: true, force: true });
    throw e;
  }
  const tokens = new Map<string, Promise<string>>();
  const login = async (username: string, password = env.DEV_ISSUER_PASSWORD || 'demo') => {
    const res = await fetch(`${service.url}${LOGIN_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const token = (username: string) => {
    let t = tokens.get(username);
    if (!t) {
      t = login(username).then(({ status, body }) => {
        if (status !== 200)
          throw new Error(`login of ${username} answered ${status}: ${JSON.stringify(body)}`);
        return (body as LoginResult).accessToken;
      });
      t.catch(() => tokens.delete(username));
      tokens.set(username, t);
    }
    return t;
  };
  return {
    service,
    url: service.url,
    env: { IDENTITY_URL: service.url },
    keyDir,
    login,
    token,
    bearer: async (username) => `Bearer ${await token(username)}`,
    async stop() {
      await service.close();
      if (own) rmSync(own, { recursive: true, force: true });
    },
  };
}
