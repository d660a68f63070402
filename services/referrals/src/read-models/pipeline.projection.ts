import type { RecordedEvent } from '@crm/event-store';
import type { CountryCode } from '@crm/kernel';
import { PERSONAL_DATA_ERASED, type PersonalDataErasedData } from '@crm/pii';
import type { Projection } from '@crm/projection';
import type { EntityManager } from 'typeorm';
import { CASE_STREAM_CATEGORY, caseCountry, parseCaseStreamName } from '../cases/domain';
import { parseReferralStreamName, REFERRAL_STREAM_CATEGORY } from '../referrals/domain';
import { entityColumns, READ_SCHEMA, ReferralPipelineCaseEntity, ReferralPipelineEntity } from './entities';
import { REFERRAL_PIPELINE_MIGRATIONS } from './migrations';
import {
  applyCaseEvent,
  applyErasure,
  applyReferralEvent,
  escalationLevel,
  nextDueAt,
  type CaseRow,
  type ReferralPipelineRow,
} from './pipeline-rows';

export { READ_SCHEMA } from './entities';
export const PIPELINE_TABLE = `${READ_SCHEMA}.referral_pipeline`;
export const PIPELINE_CASES_TABLE = `${READ_SCHEMA}.referral_pipeline_cases`;
export const PIPELINE_PROJECTION = 'referrals.pipeline';
/** The category of libs/pii's erasure records (`piiErasure-<subjectId>`). */
export const ERASURE_STREAM_CATEGORY = 'piiErasure';
const CHILD_SUBJECT_PREFIX = 'child-';

type PipelineRecord = ReferralPipelineEntity;
type CaseRecord = ReferralPipelineCaseEntity;

const PIPELINE_COLUMNS = entityColumns(ReferralPipelineEntity);
const CASE_COLUMNS = entityColumns(ReferralPipelineCaseEntity);
export const SELECT_PIPELINE_COLUMNS = PIPELINE_COLUMNS.map((c) => c.name).join(', ');
const SELECT_CASE_COLUMNS = CASE_COLUMNS.map((c) => c.name).join(', ');

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** A `referral_pipeline` record (as SQL returns it) as a row. */
export function pipelineRowFromRecord(r: PipelineRecord): ReferralPipelineRow {
  return {
    referralId: r.referral_id,
    caseId: r.case_id,
    from: { country: r.from_country as CountryCode, institutionId: r.from_institution },
    to: { country: r.to_country as CountryCode, institutionId: r.to_institution },
    countries: r.countries as CountryCode[],
    status: r.status as ReferralPipelineRow['status'],
    urgency: r.urgency as ReferralPipelineRow['urgency'],
    draftedAt: iso(r.drafted_at)!,
    sentAt: iso(r.sent_at),
    acknowledgedAt: iso(r.acknowledged_at),
    acceptedAt: iso(r.accepted_at),
    declinedAt: iso(r.declined_at),
    completedAt: iso(r.completed_at),
    revokedAt: iso(r.revoked_at),
    enteredInErrorAt: iso(r.entered_in_error_at),
    steps: r.steps as ReferralPipelineRow['steps'],
    reminders: r.reminders,
    escalations: r.escalations,
    history: r.history as ReferralPipelineRow['history'],
    revision: r.revision,
    updatedAt: iso(r.updated_at)!,
  };
}

function pipelineValues(row: ReferralPipelineRow): Record<keyof PipelineRecord, unknown> {
  return {
    referral_id: row.referralId,
    case_id: row.caseId,
    from_country: row.from.country,
    from_institution: row.from.institutionId,
    to_country: row.to.country,
    to_institution: row.to.institutionId,
    countries: row.countries,
    status: row.status,
    urgency: row.urgency,
    drafted_at: row.draftedAt,
    sent_at: row.sentAt,
    acknowledged_at: row.acknowledgedAt,
    accepted_at: row.acceptedAt,
    declined_at: row.declinedAt,
    completed_at: row.completedAt,
    revoked_at: row.revokedAt,
    entered_in_error_at: row.enteredInErrorAt,
    steps: row.steps,
    next_due_at: nextDueAt(row),
    escalation_level: escalationLevel(row),
    reminders: row.reminders,
    escalations: row.escalations,
    history: row.history,
    revision: row.revision,
    updated_at: row.updatedAt,
  };
}

/** A `referral_pipeline_cases` record as a row. */
export function caseRowFromRecord(r: CaseRecord): CaseRow {
  const history = r.history as CaseRow['history'];
  return {
    caseId: r.case_id,
    country: r.country as CountryCode,
    current: history.length === 0 ? null : history[history.length - 1],
    registeredAt: iso(r.registered_at),
    history,
    erased: r.erased,
    erasedAt: iso(r.erased_at),
    revision: r.revision,
  };
}

function caseValues(row: CaseRow): Record<keyof CaseRecord, unknown> {
  return {
    case_id: row.caseId,
    country: row.country,
    age_band: row.current?.ageBand ?? null,
    sex: row.current?.sex ?? null,
    accompaniment: row.current?.accompaniment ?? null,
    registered_at: row.registeredAt,
    history: row.history,
    erased: row.erased,
    erased_at: row.erasedAt,
    revision: row.revision,
  };
}

/** One statement upserting many rows: a JSON array of records read back with `jsonb_to_recordset`. */
function upsertStatement(table: string, columns: Array<{ name: string; sqlType: string }>): string {
  const names = columns.map((c) => c.name).join(', ');
  return `INSERT INTO ${table} (${names})
    SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${columns.map((c) => `${c.name} ${c.sqlType}`).join(', ')})
    ON CONFLICT (${columns[0].name}) DO UPDATE SET ${columns
      .slice(1)
      .map((c) => `${c.name} = EXCLUDED.${c.name}`)
      .join(', ')}`;
}
const UPSERT_PIPELINE = upsertStatement(PIPELINE_TABLE, PIPELINE_COLUMNS);
const UPSERT_CASES = upsertStatement(PIPELINE_CASES_TABLE, CASE_COLUMNS);

/** The case a `PersonalDataErased` event is about, or null (another kind of subject, e.g. a focal point). */
function erasedCase(event: RecordedEvent): { caseId: string; erasedAt: string } | null {
  if (event.type !== PERSONAL_DATA_ERASED) return null;
  const data = event.data as PersonalDataErasedData;
  if (typeof data.subjectId !== 'string' || !data.subjectId.startsWith(CHILD_SUBJECT_PREFIX)) return null;
  const caseId = data.subjectId.slice(CHILD_SUBJECT_PREFIX.length);
  return caseCountry(caseId) ? { caseId, erasedAt: new Date(data.erasedAt).toISOString() } : null;
}

/**
 * Applies events (in global order) inside the caller's transaction, in at most four statements whatever the
 * number of events: lock and read the rows concerned, fold in memory with the pure functions of
 * pipeline-rows.ts, upsert the changed referral rows and case rows.
 */
export async function applyPipelineEvents(
  events: readonly RecordedEvent[],
  manager: Pick<EntityManager, 'query'>,
): Promise<void> {
  const referralIds = new Set<string>();
  const caseIds = new Set<string>();
  for (const e of events) {
    const referralId = parseReferralStreamName(e.streamName);
    if (referralId) referralIds.add(referralId);
    const caseId = parseCaseStreamName(e.streamName) ?? erasedCase(e)?.caseId;
    if (caseId) caseIds.add(caseId);
  }
  if (referralIds.size === 0 && caseIds.size === 0) return;
  const referralRecords: PipelineRecord[] =
    referralIds.size === 0
      ? []
      : await manager.query(
          `SELECT ${SELECT_PIPELINE_COLUMNS} FROM ${PIPELINE_TABLE} WHERE referral_id = ANY($1::text[]) ORDER BY referral_id FOR UPDATE`,
          [[...referralIds].sort()],
        );
  const caseRecords: CaseRecord[] =
    caseIds.size === 0
      ? []
      : await manager.query(
          `SELECT ${SELECT_CASE_COLUMNS} FROM ${PIPELINE_CASES_TABLE} WHERE case_id = ANY($1::text[]) ORDER BY case_id FOR UPDATE`,
          [[...caseIds].sort()],
        );
  const referrals = new Map(referralRecords.map((r) => [r.referral_id, pipelineRowFromRecord(r)]));
  const cases = new Map(caseRecords.map((r) => [r.case_id, caseRowFromRecord(r)]));
  const changedReferrals = new Set<string>();
  const changedCases = new Set<string>();
  for (const e of events) {
    const referralId = parseReferralStreamName(e.streamName);
    if (referralId) {
      const before = referrals.get(referralId) ?? null;
      const after = applyReferralEvent(before, e);
      if (after && after !== before) {
        referrals.set(referralId, after);
        changedReferrals.add(referralId);
      }
      continue;
    }
    const caseId = parseCaseStreamName(e.streamName);
    const erasure = caseId ? null : erasedCase(e);
    const id = caseId ?? erasure?.caseId;
    if (!id) continue;
    const before = cases.get(id) ?? null;
    const country = caseCountry(id)!;
    const after = caseId
      ? applyCaseEvent(before, id, country, e)
      : applyErasure(before, id, country, erasure!.erasedAt);
    if (after && after !== before) {
      cases.set(id, after);
      changedCases.add(id);
    }
  }
  if (changedReferrals.size > 0) {
    const rows = [...changedReferrals].map((id) => pipelineValues(referrals.get(id)!));
    await manager.query(UPSERT_PIPELINE, [JSON.stringify(rows)]);
  }
  if (changedCases.size > 0) {
    const rows = [...changedCases].map((id) => caseValues(cases.get(id)!));
    await manager.query(UPSERT_CASES, [JSON.stringify(rows)]);
  }
}

/**
 * The referral pipeline projection: ONE projection keeps both tables (created by REFERRAL_PIPELINE_MIGRATIONS
 * when the runner starts), over the referral streams, the case streams and libs/pii's erasure records, so a
 * case's `erased` flag moves in the same transaction as its checkpoint. Idempotent twice over: processed event
 * ids (handleOnce) and, past them, each row's stream revision.
 */
export const referralPipelineProjection: Projection = {
  name: PIPELINE_PROJECTION,
  filter: { categories: [REFERRAL_STREAM_CATEGORY, CASE_STREAM_CATEGORY, ERASURE_STREAM_CATEGORY] },
  tables: [PIPELINE_TABLE, PIPELINE_CASES_TABLE],
  migrations: REFERRAL_PIPELINE_MIGRATIONS,
  handle: (event, manager) => applyPipelineEvents([event], manager),
};
