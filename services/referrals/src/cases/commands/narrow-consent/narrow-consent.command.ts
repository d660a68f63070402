import { ServiceCommand } from '@crm/service-kit';
import type { CaseView } from '../../case-view';
import type { ConsentScopeInput } from '../record-consent/record-consent.command';

export interface NarrowConsentInput {
  caseId: string;
  consentId: string;
  /** A strict subset of the current scope (fewer categories, recipients or purposes, or an earlier end). */
  scope: ConsentScopeInput;
}

/** Reduce a consent's scope (also on a closed case). Operation `referrals.case.consent`. */
export class NarrowConsentCommand extends ServiceCommand<NarrowConsentInput, CaseView> {}
