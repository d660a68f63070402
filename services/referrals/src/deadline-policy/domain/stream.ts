import { COUNTRY_NAMES, ValidationError, isCountryCode, type CountryCode } from '@crm/kernel';

/** The country pair a deadline policy is for: referrals sent from `from` to `to`. */
export interface CountryPair {
  from: CountryCode;
  to: CountryCode;
}

export const DEADLINE_POLICY_STREAM_CATEGORY = 'referralDeadlinePolicy';

/** Two different member countries (422 `referral_deadline_policy.invalid_pair` otherwise). */
export function validCountryPair(pair: { from: unknown; to: unknown }): CountryPair {
  const { from, to } = pair ?? ({} as { from: unknown; to: unknown });
  if (!isCountryCode(from) || !isCountryCode(to)) {
    throw new ValidationError(
      'referral_deadline_policy.invalid_pair',
      {
        es: `Par de países inválido: "${String(from)}" → "${String(to)}". Ambos deben ser países miembros de la CRM (p. ej. HN → GT).`,
        en: `Invalid country pair: "${String(from)}" → "${String(to)}". Both must be CRM member countries (e.g. HN → GT).`,
      },
      { from: String(from), to: String(to) },
    );
  }
  if (from === to) {
    throw new ValidationError(
      'referral_deadline_policy.invalid_pair',
      {
        es: `Los plazos son para referencias entre dos países; ${COUNTRY_NAMES[from].es} → ${COUNTRY_NAMES[to].es} no es un par válido.`,
        en: `Deadlines are for referrals between two countries; ${COUNTRY_NAMES[from].en} → ${COUNTRY_NAMES[to].en} is not a valid pair.`,
      },
      { from, to },
    );
  }
  return { from, to };
}

/** `referralDeadlinePolicy-<FROM>-<TO>`, e.g. `referralDeadlinePolicy-HN-GT` (422 on an invalid pair). */
export function deadlinePolicyStreamName(pair: { from: unknown; to: unknown }): string {
  const { from, to } = validCountryPair(pair);
  return `${DEADLINE_POLICY_STREAM_CATEGORY}-${from}-${to}`;
}

const STREAM_PATTERN = /^referralDeadlinePolicy-([A-Z]{2})-([A-Z]{2})$/;

/** The pair of a deadline-policy stream name, or null when the name is not one. */
export function parseDeadlinePolicyStreamName(streamName: string): CountryPair | null {
  const match = STREAM_PATTERN.exec(streamName);
  if (!match) return null;
  const [, from, to] = match;
  return isCountryCode(from) && isCountryCode(to) && from !== to ? { from, to } : null;
}
