import { NotFoundError, InvalidRequestError } from '@crm/kernel';
import { Inject, Injectable } from '@nestjs/common';
import { toDomainEvent } from '@crm/decider';
import type { EventStore } from '@crm/event-store';
import { CLOCK, EVENT_STORE } from '@crm/platform';
import type { Clock } from '@crm/kernel';
import type { Amendment, CatalogueState, PlanCatalogue, RetiredInfo } from '../domain/catalogue';
import { reportDecider, reportStreamName, validateReportKey, type ReportEvent } from '../domain/reports';
import { parsePeriod, type ReportingPeriod } from '../domain/periods';
import {
  activityKnown,
  catalogueVersionLabel,
  DEFAULT_PLAN_ID,
  loadCatalogue,
  loadCatalogueForPeriod,
} from '../application/shared/catalogue-reader';
import { planDirectory } from '../application/shared/plan-directory';
import type { CatalogueVersionEntry } from '../application/shared/catalogue-view';
import { activityNotFound, reportNotFound } from '../application/shared/errors';
import { toReportView, type ReportView } from '../application/shared/report-view';
import { loadWindow } from '../application/shared/window-reader';
import type { WindowView } from '../application/schedule-window/schedule-window.handler';
import { catalogueAsOf } from '../review/catalogue-as-of';

export interface CatalogueDocument {
  planId: string;
  version: number;
  versionLabel: string;
  currentVersion: number;
  importedAt: string | null;
  catalogue: PlanCatalogue;
  retired: Record<string, RetiredInfo>;
}

export interface CatalogueHistory {
  planId: string;
  currentVersion: number;
  versions: CatalogueVersionEntry[];
}

function catalogueMissing(planId: string): NotFoundError {
  return new NotFoundError(
    'plan.catalogue.not_found',
    {
      es: `El catálogo del plan ${planId} aún no ha sido importado.`,
      en: `The catalogue of plan ${planId} has not been imported yet.`,
    },
    { planId },
  );
}

function catalogueMissingAsOf(planId: string, asOf: Date): NotFoundError {
  return new NotFoundError(
    'plan.catalogue.not_found',
    {
      es: `El catálogo del plan ${planId} aún no había sido importado el ${asOf.toISOString()}.`,
      en: `The catalogue of plan ${planId} had not been imported yet at ${asOf.toISOString()}.`,
    },
    { planId, asOf: asOf.toISOString() },
  );
}

function versionAndAsOf(): InvalidRequestError {
  return new InvalidRequestError('plan.catalogue.version_and_as_of', {
    es: 'Indique "version" o "asOf", no ambos.',
    en: 'Give either "version" or "asOf", not both.',
  });
}

/** Simple reads straight from the event store (a fold of the streams; the read models serve lists and dashboards). */
@Injectable()
export class PlanQueries {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * One report: the fold of its stream. 404 when the activity is unknown in the catalogue of the period's plan or
   * the report has no event yet; 422 when no imported plan has the period.
   */
  async report(ref: { country: string; activityId: string; period: string }): Promise<ReportView> {
    const key = validateReportKey(ref);
    const streamName = reportStreamName(key);
    const recorded = await this.store.readStream(streamName);
    if (recorded.length === 0) {
      const catalogue = await loadCatalogueForPeriod(this.store, key.period);
      if (!activityKnown(catalogue, key.activityId)) throw activityNotFound(key.activityId, catalogue.planId);
      throw reportNotFound(key);
    }
    let state = reportDecider.initialState();
    for (const r of recorded) state = reportDecider.evolve(state, toDomainEvent<ReportEvent>(r));
    return toReportView(streamName, recorded[recorded.length - 1].revision, key, state);
  }

  /**
   * The current catalogue, or as it stood at `version` (1 = as imported), or as it stood at the instant `asOf`
   * (the catalogue stream's events recorded up to then; see catalogueAsOf). `version` and `asOf` exclude
   * each other. `planId`: the plan (default: the one imported at start). 404 when the plan's catalogue was not
   * imported (by `asOf`) or the version does not exist.
   */
  async catalogue(
    version?: number,
    asOf?: Date,
    planId: string = DEFAULT_PLAN_ID,
  ): Promise<CatalogueDocument> {
    if (version !== undefined && asOf !== undefined) throw versionAndAsOf();
    const current = await loadCatalogue(this.store, planId);
    if (!current.state.catalogue) throw catalogueMissing(current.planId);
    let state: CatalogueState = current.state;
    if (asOf !== undefined) {
      state = await catalogueAsOf(this.store, current.planId, asOf);
      if (!state.catalogue) throw catalogueMissingAsOf(current.planId, asOf);
    } else if (version !== undefined && version !== current.state.version) {
      if (version < 1 || version > current.state.version) {
        throw new NotFoundError(
          'plan.catalogue.version_not_found',
          {
            es: `El catálogo del plan ${current.planId} no tiene la versión ${version} (versiones 1 a ${current.state.version}).`,
            en: `The catalogue of plan ${current.planId} has no version ${version} (versions 1 to ${current.state.version}).`,
          },
          { version, currentVersion: current.state.version },
        );
      }
      state = (await loadCatalogue(this.store, current.planId, version)).state;
    }
    return {
      planId: current.planId,
      version: state.version,
      versionLabel: catalogueVersionLabel(current.planId, state.version),
      currentVersion: current.state.version,
      importedAt: state.importedAt,
      catalogue: state.catalogue as PlanCatalogue,
      retired: state.retired,
    };
  }

  /** Every catalogue version of a plan (default: the one imported at start): the import, then each amendment. */
  async catalogueHistory(planId: string = DEFAULT_PLAN_ID): Promise<CatalogueHistory> {
    const loaded = await loadCatalogue(this.store, planId);
    if (!loaded.state.catalogue) throw catalogueMissing(loaded.planId);
    const versions: CatalogueVersionEntry[] = [];
    for (const e of loaded.events) {
      if (e.type === 'CatalogueImported') {
        versions.push({
          version: e.data.version,
          versionLabel: catalogueVersionLabel(loaded.planId, e.data.version),
          type: e.type,
          activityId: null,
          reason: e.data.reason,
          at: e.data.at,
          by: e.data.by,
        });
      }
    }
    for (const a of loaded.state.history as Amendment[]) {
      versions.push({
        version: a.version,
        versionLabel: catalogueVersionLabel(loaded.planId, a.version),
        type: a.type,
        activityId: a.activityId,
        reason: a.reason,
        at: a.at,
        by: a.by,
        ...(a.change ? { change: a.change } : {}),
      });
    }
    versions.sort((x, y) => x.version - y.version);
    return { planId: loaded.planId, currentVersion: loaded.state.version, versions };
  }

  /** A period's reporting window in force (scheduled, else the default rule); 422 when no imported plan has the period. */
  async window(period: string): Promise<WindowView & { open: boolean }> {
    parsePeriod(period);
    await planDirectory(this.store).planOf(period as ReportingPeriod);
    const w = await loadWindow(this.store, period as ReportingPeriod);
    const recorded = await this.store.readStream(`planWindows-${period}`, {
      direction: 'backwards',
      maxCount: 1,
    });
    const now = this.clock().getTime();
    return {
      period: w.period,
      window: w.effective,
      scheduled: w.scheduled,
      changes: w.state.changes,
      revision: recorded[0]?.revision ?? -1,
      open: now >= Date.parse(w.effective.opensAt) && now < Date.parse(w.effective.closesAt),
    };
  }
}
