import type { CountryCode } from '@crm/kernel';
import { REFERRAL_STATUS_CODES, type ReferralStatus } from '../../referrals/domain';
import type { ReferralPipelineRow } from '../pipeline-rows';

/** The referrals of one (sending country, current receiving country) pair, per status. */
export interface PipelinePair {
  from: CountryCode;
  to: CountryCode;
  byStatus: Record<ReferralStatus, number>;
  total: number;
}

/**
 * The pipeline: how many referrals stand in each status, per country pair and overall. Operational, not a
 * published statistic: it counts referrals the caller may follow one by one (a side its own; the Secretariat
 * every referral's status), so it is not suppressed. No case data.
 */
export interface PipelineView {
  /** The countries whose referrals are counted (the caller's scope). */
  countries: CountryCode[];
  statuses: ReferralStatus[];
  pairs: PipelinePair[];
  byStatus: Record<ReferralStatus, number>;
  total: number;
}

const zeros = (): Record<ReferralStatus, number> =>
  Object.fromEntries(REFERRAL_STATUS_CODES.map((s) => [s, 0])) as Record<ReferralStatus, number>;

/** Counts the rows (already scoped to what the caller may see) by pair and status; pairs sorted by country codes. */
export function buildPipeline(
  rows: readonly Pick<ReferralPipelineRow, 'from' | 'to' | 'status'>[],
  countries: CountryCode[],
): PipelineView {
  const pairs = new Map<string, PipelinePair>();
  const byStatus = zeros();
  for (const row of rows) {
    const key = `${row.from.country}>${row.to.country}`;
    let pair = pairs.get(key);
    if (!pair) {
      pair = { from: row.from.country, to: row.to.country, byStatus: zeros(), total: 0 };
      pairs.set(key, pair);
    }
    pair.byStatus[row.status] += 1;
    pair.total += 1;
    byStatus[row.status] += 1;
  }
  return {
    countries,
    statuses: [...REFERRAL_STATUS_CODES],
    pairs: [...pairs.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
    byStatus,
    total: rows.length,
  };
}
