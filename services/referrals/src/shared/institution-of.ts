import type { Principal } from '@crm/auth';
import { isCountryCode } from '@crm/kernel';

/**
 * The directory id of the institution a principal acts for: its `institution` claim `<CC>/<NAME>` is the
 * directory's `<CC>-<NAME>` (`HN/DINAF` → `HN-DINAF`), or null for the Secretariat, organisations and claims of
 * another form. A national system acts for its country, not for one institution (null too).
 */
export function institutionIdOf(principal: Pick<Principal, 'country' | 'institution'>): string | null {
  const match = /^([A-Z]{2})\/([A-Z0-9-]{2,40})$/.exec(principal.institution ?? '');
  if (!match || !isCountryCode(principal.country) || match[1] !== principal.country) return null;
  return `${match[1]}-${match[2]}`;
}
