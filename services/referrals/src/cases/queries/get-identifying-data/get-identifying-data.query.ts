import { Query } from '@nestjs/cqrs';
import type { Principal } from '@crm/auth';
import type { ChildIdentifyingField } from '../../domain';

export interface RevealedIdentifyingData {
  caseId: string;
  purpose: string;
  /** Each field in clear, or `{ erased: true }` once the child was erased. */
  fields: Partial<Record<ChildIdentifyingField, unknown>>;
  /** Fields on file that the viewer's role may not see (e.g. the notes for a consular officer). */
  withheldFields: ChildIdentifyingField[];
  erased: boolean;
}

/** The child's identifying data, revealed through the protector (purpose required, access-logged). */
export class GetIdentifyingDataQuery extends Query<RevealedIdentifyingData> {
  constructor(
    readonly principal: Principal,
    readonly caseId: string,
    readonly purpose: string | undefined,
  ) {
    super();
  }
}
