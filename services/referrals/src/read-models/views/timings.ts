import type { CountryCode } from '@crm/kernel';
import type { ReferralPipelineRow } from '../pipeline-rows';

/** How long a step took, in hours: how many referrals took it, their median and 90th percentile. */
export interface DurationStats {
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export interface PairTimings {
  from: CountryCode;
  /** The receiving country the referral was sent to (the one that acknowledged and decided). */
  to: CountryCode;
  /** Referrals sent on this pair. */
  sent: number;
  /** From sending to the acknowledgement of receipt. */
  acknowledgement: DurationStats;
  /** From sending to the (first) acceptance. */
  acceptance: DurationStats;
}

export interface TimingsView {
  countries: CountryCode[];
  pairs: PairTimings[];
  overall: Omit<PairTimings, 'from' | 'to'>;
}

const HOUR_MS = 3_600_000;

/**
 * The p-th quantile (0 ≤ p ≤ 1) of the values by linear interpolation between the closest ranks (the
 * "R-7" / spreadsheet PERCENTILE.INC rule: position (n − 1)·p of the sorted values): the median of an even
 * count is the mean of the two middle values. null for no value.
 */
export function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

const hours2 = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

export function durationStats(hours: readonly number[]): DurationStats {
  return {
    count: hours.length,
    medianHours: hours2(quantile(hours, 0.5)),
    p90Hours: hours2(quantile(hours, 0.9)),
  };
}

type TimedRow = Pick<ReferralPipelineRow, 'from' | 'history' | 'sentAt' | 'acknowledgedAt' | 'acceptedAt'>;

/** The receiving country at sending (acknowledgement and decision are that receiver's; transfers come later). */
function receiverAtSending(row: TimedRow): CountryCode {
  const sent = row.history.find((h) => h.status === 'requested');
  return (sent ?? row.history[row.history.length - 1]).to;
}

const hoursBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / HOUR_MS;

function timingsOf(rows: readonly TimedRow[]): Omit<PairTimings, 'from' | 'to'> {
  const acknowledgement: number[] = [];
  const acceptance: number[] = [];
  for (const row of rows) {
    if (row.acknowledgedAt) acknowledgement.push(hoursBetween(row.sentAt!, row.acknowledgedAt));
    if (row.acceptedAt) acceptance.push(hoursBetween(row.sentAt!, row.acceptedAt));
  }
  return {
    sent: rows.length,
    acknowledgement: durationStats(acknowledgement),
    acceptance: durationStats(acceptance),
  };
}

/**
 * Time to acknowledgement and to acceptance per country pair (the receiver at sending) and overall, over the
 * SENT referrals among `rows` (already scoped to what the caller may see). Drafts are left out.
 */
export function buildTimings(rows: readonly TimedRow[], countries: CountryCode[]): TimingsView {
  const sent = rows.filter((r) => r.sentAt !== null);
  const byPair = new Map<string, { from: CountryCode; to: CountryCode; rows: TimedRow[] }>();
  for (const row of sent) {
    const to = receiverAtSending(row);
    const key = `${row.from.country}>${to}`;
    const pair = byPair.get(key) ?? { from: row.from.country, to, rows: [] };
    pair.rows.push(row);
    byPair.set(key, pair);
  }
  return {
    countries,
    pairs: [...byPair.values()]
      .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to))
      .map((p) => ({ from: p.from, to: p.to, ...timingsOf(p.rows) })),
    overall: timingsOf(sent),
  };
}
