import type { EventStore } from '@crm/event-store';
import type { Clock, CountryCode, LogPort } from '@crm/kernel';
import { ReadModelRunner } from '@crm/projection';
import type { DataSource } from 'typeorm';
import { REFERRAL_STATUS_CODES, runsDeadlines } from '../referrals/domain';
import {
  applyPipelineEvents,
  caseRowFromRecord,
  PIPELINE_CASES_TABLE,
  PIPELINE_TABLE,
  pipelineRowFromRecord,
  READ_SCHEMA,
  referralPipelineProjection,
  SELECT_PIPELINE_COLUMNS,
} from './pipeline.projection';
import type { CaseRow, ReferralPipelineRow } from './pipeline-rows';
import type { ReferralPipelineCaseEntity, ReferralPipelineEntity } from './entities';
import { publishAggregates, type AggregatesView } from './views/aggregates';
import { buildOverdue, type OverdueView } from './views/overdue';
import { buildPipeline, type PipelineView } from './views/pipeline-counts';
import { referredChildren } from './views/referred-children';
import { parseSemester, requireEnded } from './views/semester';
import { buildTimings, type TimingsView } from './views/timings';

export interface ReferralReadModelsOptions {
  store: EventStore;
  /** A data source on the read-model schema (`platform.dataSource('referrals_read')`). */
  dataSource: DataSource;
  clock: Clock;
  batchSize?: number;
  /** Events per transaction during a rebuild (default 2000). */
  rebuildBatchSize?: number;
  /** Where the projection reports failures (the kit passes the service's redacting logger). */
  logger?: LogPort;
  log?: (line: string) => void;
}

/** Statuses in which no deadline runs (draft and the terminal ones): never overdue. */
const NO_DEADLINES = REFERRAL_STATUS_CODES.filter((status) => !runsDeadlines({ status }));

/**
 * The rows a country scope may see: referrals its countries sent (drafts included), and sent referrals that
 * concern one of them (received, transferred away, proposed as transferee). `$1` is the scope.
 */
const VISIBLE = `(from_country = ANY($1::text[]) OR (status <> 'draft' AND countries && $1::text[]))`;

/**
 * The referral service's pipeline read models: runs the `referrals.pipeline` projection (catch-up from its
 * checkpoint, rebuildable) and answers the dashboards from its tables. Overdue is computed at query time from
 * the clock; the aggregates of an ended semester from the rows' histories, through small-cell suppression.
 */
export class ReferralReadModels extends ReadModelRunner {
  constructor(private readonly options: ReferralReadModelsOptions) {
    super({
      store: options.store,
      dataSource: options.dataSource,
      schema: READ_SCHEMA,
      projection: referralPipelineProjection,
      applyBatch: (events, manager) => applyPipelineEvents(events, manager),
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.rebuildBatchSize ? { rebuildBatchSize: options.rebuildBatchSize } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
  }

  /** Referrals by pair and status, of the referrals the scope may see. */
  async pipeline(countries: CountryCode[]): Promise<PipelineView> {
    return buildPipeline(await this.rows(VISIBLE, [countries]), countries);
  }

  /** Time to acknowledgement and to acceptance per pair, of the sent referrals the scope may see. */
  async timings(countries: CountryCode[]): Promise<TimingsView> {
    return buildTimings(await this.rows(`${VISIBLE} AND sent_at IS NOT NULL`, [countries]), countries);
  }

  /** The overdue referrals at the clock's now, per receiving institution; `institution` narrows to one (either side). */
  async overdue(countries: CountryCode[], institution?: string): Promise<OverdueView> {
    const now = this.options.clock();
    const rows = await this.rows(
      `${VISIBLE} AND next_due_at < $2 AND status <> ALL($3::text[])
       AND ($4::text IS NULL OR to_institution = $4 OR from_institution = $4)`,
      [countries, now.toISOString(), NO_DEADLINES, institution ?? null],
    );
    return buildOverdue(rows, now, countries);
  }

  /**
   * The Secretariat's aggregates of an ended semester (422 for a malformed or unfinished one), over every
   * member country whoever asks: one table per semester for everyone, so no two publications differ.
   */
  async aggregates(period: unknown): Promise<AggregatesView> {
    const semester = parseSemester(period);
    requireEnded(semester, this.options.clock());
    const rows = await this.rows('sent_at >= $1 AND sent_at < $2', [semester.start, semester.end]);
    const cases = await this.cases([...new Set(rows.map((r) => r.caseId))]);
    return publishAggregates(semester.period, referredChildren(rows, cases, semester));
  }

  /** Every referral row, by id (tests and the rebuild comparison). */
  allRows(): Promise<ReferralPipelineRow[]> {
    return this.rows('TRUE', []);
  }

  /** Every case row, by id (tests and the rebuild comparison). */
  async allCases(): Promise<CaseRow[]> {
    const records: ReferralPipelineCaseEntity[] = await this.options.dataSource.query(
      `SELECT * FROM ${PIPELINE_CASES_TABLE} ORDER BY case_id`,
    );
    return records.map(caseRowFromRecord);
  }

  private async cases(caseIds: string[]): Promise<Map<string, CaseRow>> {
    if (caseIds.length === 0) return new Map();
    const records: ReferralPipelineCaseEntity[] = await this.options.dataSource.query(
      `SELECT * FROM ${PIPELINE_CASES_TABLE} WHERE case_id = ANY($1::text[])`,
      [caseIds],
    );
    return new Map(records.map((r) => [r.case_id, caseRowFromRecord(r)]));
  }

  private async rows(where: string, params: unknown[]): Promise<ReferralPipelineRow[]> {
    const records: ReferralPipelineEntity[] = await this.options.dataSource.query(
      `SELECT ${SELECT_PIPELINE_COLUMNS} FROM ${PIPELINE_TABLE} WHERE ${where} ORDER BY referral_id`,
      params,
    );
    return records.map(pipelineRowFromRecord);
  }
}
