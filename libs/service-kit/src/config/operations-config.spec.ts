import { ConfigurationError } from '@crm/config';
import { loadOperationsConfig, loadServiceConfig, OPERATIONS_DEFAULTS } from './service-config';

const LISTENER = { portVariable: 'NOTES_PORT', hostVariable: 'NOTES_HOST', defaultPort: 3009 };

function refusal(env: NodeJS.ProcessEnv): ConfigurationError {
  try {
    loadOperationsConfig(env);
  } catch (e) {
    return e as ConfigurationError;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('operations configuration', () => {
  it('has the documented defaults (CORS off) and is part of the service configuration', () => {
    expect(loadOperationsConfig({})).toEqual({
      readyMaxLagEvents: 1000,
      readyMaxBacklogAgeSeconds: 300,
      rateLimitPerMinute: 300,
      loginRateLimitPerMinute: 10,
      corsOrigins: [],
    });
    expect(loadServiceConfig({ listener: LISTENER }, {}).operations).toEqual(OPERATIONS_DEFAULTS);
  });

  it('reads the variables', () => {
    expect(
      loadOperationsConfig({
        READY_MAX_LAG_EVENTS: '50',
        READY_MAX_BACKLOG_AGE_SECONDS: '60',
        RATE_LIMIT_PER_MINUTE: '0',
        LOGIN_RATE_LIMIT_PER_MINUTE: '3',
        CORS_ORIGINS: 'https://crm.example.org, http://localhost:5173',
      }),
    ).toEqual({
      readyMaxLagEvents: 50,
      readyMaxBacklogAgeSeconds: 60,
      rateLimitPerMinute: 0,
      loginRateLimitPerMinute: 3,
      corsOrigins: ['https://crm.example.org', 'http://localhost:5173'],
    });
  });

  it.each([
    ['READY_MAX_LAG_EVENTS', '-1'],
    ['READY_MAX_LAG_EVENTS', 'many'],
    ['READY_MAX_BACKLOG_AGE_SECONDS', '0'],
    ['READY_MAX_BACKLOG_AGE_SECONDS', '5m'],
    ['RATE_LIMIT_PER_MINUTE', '1.5'],
    ['LOGIN_RATE_LIMIT_PER_MINUTE', '0'],
    ['CORS_ORIGINS', '*'],
    ['CORS_ORIGINS', 'https://crm.example.org/app'],
    ['CORS_ORIGINS', 'ftp://crm.example.org'],
    ['CORS_ORIGINS', 'crm.example.org'],
  ])('refuses %s=%s with an es/en text naming the variable', (variable, value) => {
    const e = refusal({ [variable]: value });
    expect(e).toBeInstanceOf(ConfigurationError);
    expect(e.details).toEqual({ variable });
    expect(e.text.es).toMatch(new RegExp(`^${variable}: .*${value.replace(/[.*]/g, '\\$&')}`));
    expect(e.text.en).toMatch(new RegExp(`^${variable}: .*${value.replace(/[.*]/g, '\\$&')}`));
    expect(e.text.es).not.toBe(e.text.en);
  });
});
