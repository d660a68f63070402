import { Query } from '@nestjs/cqrs';
import type { CountryCode } from '@crm/kernel';
import type { InstitutionSummary } from '../../institution-view';

export interface StaleInstitutionList {
  asOf: string;
  maxAgeDays: number;
  /** Active entries whose last verification is older than `maxAgeDays`, longest stale first. */
  institutions: Array<InstitutionSummary & { staleSince: string }>;
}

/** The Secretariat's (and the countries') list of entries to check again with their institutions. */
export class ListStaleInstitutionsQuery extends Query<StaleInstitutionList> {
  constructor(readonly filter: { country?: CountryCode; maxAgeDays?: number } = {}) {
    super();
  }
}
