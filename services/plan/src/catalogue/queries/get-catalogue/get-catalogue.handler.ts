import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InvalidRequestError, NotFoundError } from '@crm/kernel';
import type { EventStore } from '@crm/event-store';
import { EVENT_STORE } from '@crm/platform';
import { catalogueAsOf } from '../../../review/catalogue-as-of';
import { catalogueNotFound } from '../../../shared/errors';
import { catalogueVersionLabel, DEFAULT_PLAN_ID, loadCatalogue } from '../../catalogue-reader';
import type { CatalogueState, PlanCatalogue } from '../../domain';
import { GetCatalogueQuery, type CatalogueDocument } from './get-catalogue.query';

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

function versionNotFound(planId: string, version: number, currentVersion: number): NotFoundError {
  return new NotFoundError(
    'plan.catalogue.version_not_found',
    {
      es: `El catálogo del plan ${planId} no tiene la versión ${version} (versiones 1 a ${currentVersion}).`,
      en: `The catalogue of plan ${planId} has no version ${version} (versions 1 to ${currentVersion}).`,
    },
    { version, currentVersion },
  );
}

/**
 * The current catalogue, or as it stood at `version`, or at the instant `asOf` (the catalogue stream's events
 * recorded up to then; see catalogueAsOf). 404 when the plan's catalogue was not imported (by `asOf`) or the
 * version does not exist; 400 with both `version` and `asOf`.
 */
@QueryHandler(GetCatalogueQuery)
export class GetCatalogueHandler implements IQueryHandler<GetCatalogueQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ at }: GetCatalogueQuery): Promise<CatalogueDocument> {
    const { version, asOf, planId = DEFAULT_PLAN_ID } = at;
    if (version !== undefined && asOf !== undefined) throw versionAndAsOf();
    const current = await loadCatalogue(this.store, planId);
    if (!current.state.catalogue) throw catalogueNotFound(current.planId);
    let state: CatalogueState = current.state;
    if (asOf !== undefined) {
      state = await catalogueAsOf(this.store, current.planId, asOf);
      if (!state.catalogue) throw catalogueMissingAsOf(current.planId, asOf);
    } else if (version !== undefined && version !== current.state.version) {
      if (version < 1 || version > current.state.version)
        throw versionNotFound(current.planId, version, current.state.version);
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
}
