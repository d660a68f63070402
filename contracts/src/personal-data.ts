/**
 * The personal-data declaration of every contract: dotted paths (the `@crm/pii` path format) of the
 * payload fields that hold a child's personal data. This is the one place a contract declares them. A process
 * registers them into the `@crm/pii` registry at start-up, `registerPersonalDataDeclarations(PERSONAL_DATA_FIELDS)`
 * (the service kit's bootstrap does), so the redacting logger hides these fields and PersonalDataProtector finds
 * them (`personalFieldsOf(key)`); neither library imports the other (contracts may only depend on domain and
 * contracts libraries; @crm/pii loads no catalogue). The `Record<ContractKey, ...>` type makes a missing
 * declaration a compile error; `personal-data.spec.ts` checks every path exists in its schema.
 *
 * Neither the plan service's events nor the referral service's carry child personal data, hence the empty
 * lists: a referral event holds opaque ids, codes and instants (the non-identifying indicators are codes),
 * and a national system pulls the child's data over HTTPS from the disclosed view, where each read is
 * authorised per recipient and logged; the inbound response of a national system is closed and has no free text.
 */
import type { ContractKey } from './registry';

export const PERSONAL_DATA_FIELDS: Readonly<Record<ContractKey, readonly string[]>> = {
  'plan.report.submitted.v1': [],
  'plan.report.approved.v1': [],
  'plan.report.returned.v1': [],
  'plan.report.reopened.v1': [],
  'plan.catalogue.amended.v1': [],
  'plan.report.submission-requested.v1': [],
  'plan.report.submission-outcome.v1': [],
  'referrals.referral.sent.v1': [],
  'referrals.referral.status-changed.v1': [],
  'referrals.referral.follow-up-reported.v1': [],
  'referrals.referral.reminder-sent.v1': [],
  'referrals.referral.escalated.v1': [],
  'referrals.referral.transfer-requested.v1': [],
  'referrals.referral.transfer-decided.v1': [],
  'referrals.referral.consent-withdrawal-notified.v1': [],
  'referrals.referral.consent-withdrawal-acknowledged.v1': [],
  'referrals.referral.response-requested.v1': [],
  'referrals.referral.response-outcome.v1': [],
};

export const PERSONAL_DATA_PATH = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

/** The declared personal-data fields of a contract key (`plan.report.submitted.v1`); throws for an unknown key. */
export function personalDataFieldsOf(key: string): readonly string[] {
  const fields = (PERSONAL_DATA_FIELDS as Record<string, readonly string[]>)[key];
  if (!fields) throw new Error(`no personal-data declaration for contract "${key}"`);
  return fields;
}
