import { ConfigurationError } from '@crm/config';
import { fixedClock } from '@crm/kernel';
import { clockOffsetFrom, describeClockOffset, offsetClock } from './clock-offset';
import { loadServiceConfig } from './service-config';

const H = 3_600_000;

function refusal(env: NodeJS.ProcessEnv, mode: 'dev' | 'oidc' = 'dev'): ConfigurationError {
  try {
    clockOffsetFrom(env, mode);
  } catch (e) {
    return e as ConfigurationError;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('CRM_CLOCK_OFFSET (development and tests only)', () => {
  it('reads signed offsets in ms, s, m, h, d and their sums; absent, empty or 0 is the real time', () => {
    const at = (value: string) => clockOffsetFrom({ CRM_CLOCK_OFFSET: value }, 'dev');
    expect(clockOffsetFrom({}, 'dev')).toBe(0);
    expect(at('')).toBe(0);
    expect(at('0')).toBe(0);
    expect(at('+49h')).toBe(49 * H);
    expect(at('49h')).toBe(49 * H);
    expect(at('-15m')).toBe(-15 * 60_000);
    expect(at('+1d12h')).toBe(36 * H);
    expect(at('30s')).toBe(30_000);
    expect(at('-250ms')).toBe(-250);
    expect(at('+0h')).toBe(0);
  });

  it.each(['49', '+49 h', '49hours', '+-1h', '1.5h', 'h', '+3651d', 'tomorrow'])(
    'refuses %s with an es/en text naming the variable',
    (value) => {
      const e = refusal({ CRM_CLOCK_OFFSET: value });
      expect(e).toBeInstanceOf(ConfigurationError);
      expect(e.details).toEqual({ variable: 'CRM_CLOCK_OFFSET', value });
      expect(e.text.es).toMatch(/^CRM_CLOCK_OFFSET: /);
      expect(e.text.en).toMatch(/^CRM_CLOCK_OFFSET: /);
      expect(e.text.es).not.toBe(e.text.en);
    },
  );

  it('is refused in production: AUTH_MODE=oidc or NODE_ENV=production (0 is accepted everywhere)', () => {
    const oidc = refusal({ CRM_CLOCK_OFFSET: '+49h' }, 'oidc');
    expect(oidc.text.es).toContain('AUTH_MODE=oidc');
    expect(oidc.text.en).toContain('for development and tests only');
    expect(refusal({ CRM_CLOCK_OFFSET: '-15m', NODE_ENV: 'production' }).text.en).toContain(
      'NODE_ENV=production',
    );
    expect(clockOffsetFrom({ CRM_CLOCK_OFFSET: '0' }, 'oidc')).toBe(0);
    expect(() =>
      loadServiceConfig(
        { listener: { portVariable: 'X_PORT', hostVariable: 'X_HOST', defaultPort: 3999 } },
        {
          AUTH_MODE: 'oidc',
          OIDC_ISSUER: 'https://idp.example.org/realms/crm',
          OIDC_AUDIENCE: 'crm-platform',
          OIDC_JWKS_URL: 'https://idp.example.org/jwks',
          CRM_CLOCK_OFFSET: '+1d',
        },
      ),
    ).toThrow(/CRM_CLOCK_OFFSET/);
  });

  it('is part of the service configuration and moves the given clock', () => {
    const listener = { portVariable: 'X_PORT', hostVariable: 'X_HOST', defaultPort: 3999 };
    expect(loadServiceConfig({ listener }, {}).clockOffsetMs).toBe(0);
    expect(loadServiceConfig({ listener }, { CRM_CLOCK_OFFSET: '+2h' }).clockOffsetMs).toBe(2 * H);
    const base = fixedClock('2020-07-01T08:00:00.000Z');
    const moved = offsetClock(base, 49 * H);
    expect(moved().toISOString()).toBe('2020-07-03T09:00:00.000Z');
    base.advance(60_000);
    expect(moved().toISOString()).toBe('2020-07-03T09:01:00.000Z');
    expect(offsetClock(base, 0)).toBe(base);
  });

  it('is described for the start-up line', () => {
    expect(describeClockOffset(49 * H)).toBe('+2d 1h');
    expect(describeClockOffset(-15 * 60_000)).toBe('-15m');
    expect(describeClockOffset(0)).toBe('0');
  });
});
