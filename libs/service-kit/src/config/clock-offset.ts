import { ConfigurationError } from '@crm/config';
import type { Clock } from '@crm/kernel';

/** The variable that moves a service's clock, for development and tests only. */
export const CLOCK_OFFSET_VARIABLE = 'CRM_CLOCK_OFFSET';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const OFFSET = /^([+-]?)((?:\d{1,7}(?:ms|s|m|h|d))+)$/;
const PART = /(\d{1,7})(ms|s|m|h|d)/g;
/** Ten years either way: more is certainly a typing mistake. */
const MAX_OFFSET_MS = 3_650 * UNIT_MS.d;

function invalid(raw: string, es: string, en: string): ConfigurationError {
  return new ConfigurationError(
    'config.invalid',
    { es: `${CLOCK_OFFSET_VARIABLE}: ${es}`, en: `${CLOCK_OFFSET_VARIABLE}: ${en}` },
    { variable: CLOCK_OFFSET_VARIABLE, value: raw },
  );
}

/**
 * CRM_CLOCK_OFFSET: how far the service clock runs from the real time, in milliseconds (default 0). Written
 * `+49h`, `-15m`, `+1d12h`, `30s`, `0` (units ms, s, m, h, d; sign optional, `+` by default). For development and
 * tests only — e.g. to see a referral escalate after its deadline without waiting two days — so it is refused
 * with AUTH_MODE=oidc (production) and with NODE_ENV=production, whatever its value except 0.
 */
export function clockOffsetFrom(
  env: NodeJS.ProcessEnv,
  authMode: 'dev' | 'oidc',
  variable = CLOCK_OFFSET_VARIABLE,
): number {
  const raw = env[variable]?.trim();
  if (raw === undefined || raw === '' || raw === '0') return 0;
  const match = OFFSET.exec(raw);
  if (!match)
    throw invalid(
      raw,
      `debe ser un desfase como "+49h", "-15m", "+1d12h" o "0" (unidades ms, s, m, h, d), recibido "${raw}"`,
      `must be an offset such as "+49h", "-15m", "+1d12h" or "0" (units ms, s, m, h, d), received "${raw}"`,
    );
  let ms = 0;
  for (const [, amount, unit] of match[2].matchAll(PART))
    ms += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  if (ms > MAX_OFFSET_MS)
    throw invalid(
      raw,
      `el desfase "${raw}" supera 10 años (3650d); revise el valor`,
      `the offset "${raw}" is more than 10 years (3650d); check the value`,
    );
  if (ms === 0) return 0;
  if (authMode === 'oidc' || env.NODE_ENV === 'production')
    throw invalid(
      raw,
      `mover el reloj del servicio es solo para desarrollo y pruebas; no se admite con AUTH_MODE=oidc ni NODE_ENV=production (producción). Quite la variable.`,
      `moving the service clock is for development and tests only; it is refused with AUTH_MODE=oidc and NODE_ENV=production (production). Remove the variable.`,
    );
  return match[1] === '-' ? -ms : ms;
}

/** `clock` moved by `offsetMs` (the same clock when the offset is 0). */
export function offsetClock(clock: Clock, offsetMs: number): Clock {
  if (offsetMs === 0) return clock;
  return () => new Date(clock().getTime() + offsetMs);
}

/** The offset as written for people: `+49h`, `-15m`, `+1d 2h 3m 4s 5ms`. */
export function describeClockOffset(offsetMs: number): string {
  if (offsetMs === 0) return '0';
  let left = Math.abs(offsetMs);
  const parts: string[] = [];
  for (const [unit, size] of Object.entries(UNIT_MS).reverse()) {
    const amount = Math.floor(left / size);
    if (amount > 0) parts.push(`${amount}${unit}`);
    left -= amount * size;
  }
  return `${offsetMs < 0 ? '-' : '+'}${parts.join(' ')}`;
}
