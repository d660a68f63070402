import {
  verifyEvents,
  type EventStore,
  type RecordedEvent,
  type StreamHead,
  type VerifyResult,
} from '@crm/event-store';

/** Stream heads read in parallel by `verify` (one query each). */
const HEAD_READS_AT_ONCE = 8;
import type { CountryCode } from '@crm/kernel';
import { REPORT_STREAM_CATEGORY } from '../reports/domain';
import {
  accountabilityHistory,
  countryStateAsOf,
  toCsv,
  toJson,
  toMarkdown,
  type AccountabilityEntry,
  type PlanStateAsOf,
} from './domain';
import type { ReviewFormat, ReviewLang } from './errors';
import { stateToCsv, stateToMarkdown } from './render-state';

export type CountryVerification = VerifyResult & { country: CountryCode; streams: number };

export interface Rendered {
  contentType: string;
  body: string;
}

/**
 * Regional reviews over the event store itself, never over today's read models:
 * - the state of a country's reports as of an instant (replay of the events RECORDED up to it),
 * - the chronological accountability history,
 * - the hash-chain verification of every stream holding the country's events.
 */
export class PlanReview {
  constructor(private readonly store: Pick<EventStore, 'readAll' | 'readStream' | 'readStreamHead'>) {}

  /** The country's report events recorded up to `upTo` (all of them without it), in global order. */
  reportEvents(country: CountryCode, upTo?: Date): Promise<RecordedEvent[]> {
    return this.store.readAll({
      filter: { categories: [REPORT_STREAM_CATEGORY], country, ...(upTo ? { recordedUpTo: upTo } : {}) },
    });
  }

  async stateAsOf(country: CountryCode, asOf: Date): Promise<PlanStateAsOf> {
    return countryStateAsOf(await this.reportEvents(country, asOf), asOf, { country });
  }

  /** Every change recorded in [from, to] (both optional, inclusive), oldest first. */
  async history(
    country: CountryCode,
    range: { from?: Date; to?: Date } = {},
  ): Promise<AccountabilityEntry[]> {
    const entries = accountabilityHistory(await this.reportEvents(country, range.to), {
      country,
      ...(range.to ? { asOf: range.to } : {}),
    });
    const from = range.from?.getTime();
    return from === undefined ? entries : entries.filter((e) => Date.parse(e.recordedAt) >= from);
  }

  /**
   * Verifies the hash chain of every stream that holds an event concerning the country. Streams are read
   * whole (a chain read in part would show as "removed"): the country's report streams by their name prefix
   * (so an event whose `countries` was tampered with is still checked), any other stream found through the
   * country filter with readStream. Each stream is also checked against the head the store recorded at its
   * last append (`readStreamHead`), so removing a stream's newest events shows as "removed" too.
   */
  async verify(country: CountryCode): Promise<CountryVerification> {
    const prefix = `${REPORT_STREAM_CATEGORY}-${country}-`;
    const [reports, concerning] = await Promise.all([
      this.store.readAll({ filter: { streamPrefixes: [prefix] } }),
      this.store.readAll({ filter: { country } }),
    ]);
    const events: RecordedEvent[] = [...reports];
    const others = [...new Set(concerning.map((e) => e.streamName).filter((s) => !s.startsWith(prefix)))];
    for (const stream of others) events.push(...(await this.store.readStream(stream)));
    const names = [...new Set(events.map((e) => e.streamName))];
    const heads = new Map<string, StreamHead | null>();
    for (let i = 0; i < names.length; i += HEAD_READS_AT_ONCE) {
      const batch = names.slice(i, i + HEAD_READS_AT_ONCE);
      const read = await Promise.all(batch.map((name) => this.store.readStreamHead(name)));
      batch.forEach((name, k) => heads.set(name, read[k]));
    }
    // A head past what was read is an append committed since (or still held back by the position barrier):
    // read that stream again, whole, before judging it.
    const newest = new Map<string, number>();
    for (const e of events) newest.set(e.streamName, e.revision);
    const behind = names.filter((name) => (heads.get(name)?.revision ?? -1) > (newest.get(name) ?? -1));
    const reread = new Map<string, RecordedEvent[]>();
    for (const name of behind) reread.set(name, await this.store.readStream(name));
    const complete =
      reread.size === 0
        ? events
        : [...events.filter((e) => !reread.has(e.streamName)), ...[...reread.values()].flat()];
    return { ...verifyEvents(complete, heads), country, streams: names.length };
  }
}

export function renderState(state: PlanStateAsOf, format: ReviewFormat, lang: ReviewLang): Rendered {
  if (format === 'csv') return { contentType: 'text/csv; charset=utf-8', body: stateToCsv(state, lang) };
  if (format === 'markdown')
    return { contentType: 'text/markdown; charset=utf-8', body: stateToMarkdown(state, lang) };
  return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(state, null, 2) };
}

export function renderHistory(
  entries: AccountabilityEntry[],
  format: ReviewFormat,
  lang: ReviewLang,
): Rendered {
  if (format === 'csv') return { contentType: 'text/csv; charset=utf-8', body: toCsv(entries, { lang }) };
  if (format === 'markdown')
    return { contentType: 'text/markdown; charset=utf-8', body: toMarkdown(entries, { lang }) };
  return { contentType: 'application/json; charset=utf-8', body: toJson(entries) };
}

/** The verification as text for CSV/Markdown outputs (es or en). */
export function verificationText(v: CountryVerification, lang: ReviewLang): string {
  if (v.ok) {
    return lang === 'es'
      ? `Verificación de ${v.country}: correcta (${v.checked} eventos en ${v.streams} flujos; la cadena de huellas está intacta).`
      : `Verification of ${v.country}: OK (${v.checked} events in ${v.streams} streams; the hash chain is intact).`;
  }
  return `${lang === 'es' ? 'Verificación' : 'Verification'} ${v.country}: ${v.problem} — ${v.message[lang]} (event ${v.eventId})`;
}
