import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@crm/event-store';
import { MEMBER_COUNTRIES } from '@crm/kernel';
import type { PersonalDataAccessContext, PersonalDataProtector } from '@crm/pii';
import { EVENT_STORE } from '@crm/platform';
import { PERSONAL_DATA } from '@crm/service-kit';
import { anyErased, isErasedSubject, revealRecord } from '../../../shared/personal-data';
import { requireInstitution } from '../../directory-reader';
import { FOCAL_POINT_PERSONAL_FIELDS } from '../../domain';
import { focalPointsOf } from '../../institution-view';
import { GetInstitutionContactsQuery, type InstitutionContacts } from './get-institution-contacts.query';

/**
 * Reveals the focal points' contacts of one entry. The access context given to the protector:
 * - `caseId` = the institution id: the log of who saw an institution's contacts is `piiAccess-<institutionId>`
 *   (institution ids never look like case ids, so the two kinds of log never share a stream);
 * - `caseCountry` = the institution's country (whose officials keep the entry);
 * - `addressedTo` = every member country: the directory serves the whole network, so an official of any member
 *   country with a `pii.read` role (case worker, consular officer, national system) may reach a focal point;
 *   the Secretariat and organisations have no `pii.read` grant (403, audited).
 * The purpose is required (400 `pii.validation.purpose_required`) and recorded with each view.
 */
@QueryHandler(GetInstitutionContactsQuery)
export class GetInstitutionContactsHandler implements IQueryHandler<GetInstitutionContactsQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PERSONAL_DATA) private readonly protector: PersonalDataProtector,
  ) {}

  async execute({
    principal,
    institutionId,
    purpose,
  }: GetInstitutionContactsQuery): Promise<InstitutionContacts> {
    const loaded = await requireInstitution(this.store, institutionId);
    const { entry } = loaded.state;
    const access: PersonalDataAccessContext = {
      principal,
      caseId: entry.institutionId,
      purpose: purpose as string,
      caseCountry: entry.country,
      addressedTo: [...MEMBER_COUNTRIES],
    };
    const focalPoints = [];
    for (const { role, point } of focalPointsOf(loaded.state)) {
      const contact = await revealRecord(this.protector, access, point.contact, FOCAL_POINT_PERSONAL_FIELDS);
      const erased = anyErased(contact) || (await isErasedSubject(this.store, point.contact.subject));
      focalPoints.push({
        role,
        focalPointId: point.focalPointId,
        languages: point.languages,
        contact,
        erased,
      });
    }
    return {
      institutionId: entry.institutionId,
      country: entry.country,
      version: loaded.state.version,
      purpose: String(purpose).trim(),
      focalPoints,
    };
  }
}
