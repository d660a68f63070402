import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { PersonalDataProtector } from '@crm/pii';
import { COMMAND_DEPS, PERSONAL_DATA, type CommandDeps } from '@crm/service-kit';
import { anyErased, isErasedSubject, revealRecord } from '../../../shared/personal-data';
import { authorizeCase } from '../../case-command';
import { requireCase } from '../../case-reader';
import { viewerCategories, visibleIdentifyingFields } from '../../case-view';
import { CHILD_IDENTIFYING_FIELDS, childSubject, type ChildIdentifyingField } from '../../domain';
import { GetIdentifyingDataQuery, type RevealedIdentifyingData } from './get-identifying-data.query';

/**
 * The owning country's reveal of a child's identifying data, in this order: `referrals.case.read` on the
 * case's country (403, audited: the Secretariat, organisations and other countries never get here), the case
 * (404), the fields the viewer's role may see (disclosure.ts ROLE_CATEGORIES), then the protector: purpose
 * (400), `pii.read` (403, audited: e.g. a supervisor), the view appended to `piiAccess-<caseId>` (503 when it
 * cannot be), and only then decryption. Access context: `caseId` and `caseCountry` are the case's; no
 * `addressedTo` (a country the case is referred to sees it through the referral's disclosed view).
 */
@QueryHandler(GetIdentifyingDataQuery)
export class GetIdentifyingDataHandler implements IQueryHandler<GetIdentifyingDataQuery> {
  constructor(
    @Inject(COMMAND_DEPS) private readonly deps: CommandDeps,
    @Inject(PERSONAL_DATA) private readonly protector: PersonalDataProtector,
  ) {}

  async execute({ principal, caseId, purpose }: GetIdentifyingDataQuery): Promise<RevealedIdentifyingData> {
    const authorized = await authorizeCase(
      this.deps,
      principal,
      caseId,
      'referrals.case.read',
      GetIdentifyingDataQuery.name,
    );
    const { state } = await requireCase(this.deps.store, authorized.caseId);
    const identifying = state.identifying ?? { subject: childSubject(state.caseId), fields: {} };
    const visible = visibleIdentifyingFields(state, viewerCategories(principal));
    const fields = await revealRecord(
      this.protector,
      { principal, caseId: state.caseId, purpose: purpose as string, caseCountry: state.country },
      identifying,
      visible,
    );
    const onFile = CHILD_IDENTIFYING_FIELDS.filter((f) => identifying.fields[f] !== undefined);
    return {
      caseId: state.caseId,
      purpose: String(purpose).trim(),
      fields,
      withheldFields: onFile.filter((f): f is ChildIdentifyingField => !visible.includes(f)),
      erased: anyErased(fields) || (await isErasedSubject(this.deps.store, identifying.subject)),
    };
  }
}
