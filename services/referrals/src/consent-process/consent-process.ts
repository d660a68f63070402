import type { EventStore, Position } from '@crm/event-store';
import type { LogPort } from '@crm/kernel';
import { ProjectionRunner, type Projection } from '@crm/projection';
import type { DataSource } from 'typeorm';
import { CASE_STREAM_CATEGORY } from '../cases/domain';
import { REFERRAL_STREAM_CATEGORY } from '../referrals/domain';
import { sqlCaseReferrals } from './case-referrals-table';
import { CASE_REFERRALS_TABLE, READ_SCHEMA } from './case-referrals.entity';
import { CONSENT_PROCESS_EVENT_TYPES, ConsentProcessor, type DispatchNotice } from './consent-processor';
import { CONSENT_PROCESS_MIGRATIONS } from './migrations';

export const CONSENT_PROCESS_PROJECTION = 'referrals.consentProcess';

/** The projection: the processor on the events it follows, its table and migrations. */
export function consentProcessProjection(processor: ConsentProcessor): Projection {
  return {
    name: CONSENT_PROCESS_PROJECTION,
    filter: {
      categories: [REFERRAL_STREAM_CATEGORY, CASE_STREAM_CATEGORY],
      eventTypes: CONSENT_PROCESS_EVENT_TYPES,
    },
    tables: [CASE_REFERRALS_TABLE],
    migrations: CONSENT_PROCESS_MIGRATIONS,
    handle: (event, manager) => processor.handle(event, sqlCaseReferrals(manager)),
  };
}

export interface ConsentProcessOptions {
  store: EventStore;
  /** A data source on `referrals_read` (`platform.dataSource(READ_SCHEMA)`). */
  dataSource: DataSource;
  dispatch: DispatchNotice;
  logger?: LogPort;
  batchSize?: number;
  retryInitialMs?: number;
}

/**
 * Runs the consent process as a projection (libs/projection ProjectionRunner: catch-up from its checkpoint,
 * each event applied with its table rows, processed id and checkpoint in one transaction, a failure retried
 * from the checkpoint with back-off). A notice already dispatched is not repeated on a retry: its command id
 * is fixed (`ConsentProcessor`).
 */
export class ConsentProcess {
  readonly runner: ProjectionRunner;

  constructor(options: ConsentProcessOptions) {
    this.runner = new ProjectionRunner({
      store: options.store,
      dataSource: options.dataSource,
      projection: consentProcessProjection(new ConsentProcessor(options.store, options.dispatch)),
      schema: READ_SCHEMA,
      batchSize: options.batchSize ?? 500,
      ...(options.retryInitialMs !== undefined ? { retryInitialMs: options.retryInitialMs } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  start(): Promise<void> {
    return this.runner.start();
  }

  stop(): Promise<void> {
    return this.runner.stop();
  }

  waitFor(position: Position): Promise<void> {
    return this.runner.waitFor(position);
  }
}
