import { Query } from '@nestjs/cqrs';
import type { CountryCode } from '@crm/kernel';
import type { InstitutionSummary } from '../../institution-view';

export interface InstitutionList {
  /** The date staleness is computed for (UTC). */
  asOf: string;
  institutions: InstitutionSummary[];
}

/** The directory's entries (of one country when given; active or deactivated when given), without contacts. */
export class ListInstitutionsQuery extends Query<InstitutionList> {
  constructor(
    readonly filter: { country?: CountryCode; status?: 'active' | 'deactivated'; maxAgeDays?: number } = {},
  ) {
    super();
  }
}
