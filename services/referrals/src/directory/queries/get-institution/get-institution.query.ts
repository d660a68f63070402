import { Query } from '@nestjs/cqrs';
import type { InstitutionView } from '../../institution-view';

/** One directory entry, the fold of its stream, without contacts. */
export class GetInstitutionQuery extends Query<InstitutionView> {
  constructor(
    readonly institutionId: string,
    readonly options: { maxAgeDays?: number } = {},
  ) {
    super();
  }
}
