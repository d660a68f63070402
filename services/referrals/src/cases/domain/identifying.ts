import type { DataCategory } from '../../shared/vocabulary';
import { validateProtectedRecord, type ProtectedRecord } from '../../shared/protected-record';

/**
 * The child's identifying data: what names, dates the birth of, pictures or lets someone find a particular
 * child, and any free text about them. Never in clear in the domain: the command handler encrypts it with
 * `@crm/pii` under the child's own key (subject `child-<caseId>`, childSubject) before the decider sees it,
 * and reveals it only to a recipient the disclosure view allows (disclosure.ts), each view recorded.
 */
export const CHILD_IDENTIFYING_FIELDS = [
  'givenNames',
  'familyNames',
  'dateOfBirth',
  'photo',
  'familyContacts',
  'notes',
] as const;
export type ChildIdentifyingField = (typeof CHILD_IDENTIFYING_FIELDS)[number];

/** The data category each identifying field is disclosed under (a consent names categories, not fields). */
export const IDENTIFYING_FIELD_CATEGORY: Readonly<
  Record<ChildIdentifyingField, Extract<DataCategory, 'identity' | 'family' | 'narrative'>>
> = {
  givenNames: 'identity',
  familyNames: 'identity',
  dateOfBirth: 'identity',
  photo: 'identity',
  familyContacts: 'family',
  notes: 'narrative',
};

/** The identifying fields disclosed under `category` (none for the non-identifying categories). */
export function identifyingFieldsOf(category: DataCategory): ChildIdentifyingField[] {
  return CHILD_IDENTIFYING_FIELDS.filter((f) => IDENTIFYING_FIELD_CATEGORY[f] === category);
}

/** The encrypted identifying record of a child (every field optional: an infant may have no known name). */
export type ChildIdentifyingData = ProtectedRecord<ChildIdentifyingField>;

/** The key subject of a child's personal data: `child-<caseId>`. */
export function childSubject(caseId: string): string {
  return `child-${caseId}`;
}

/** The record when encrypted under the child's own key, with identifying fields only (422 otherwise). */
export function validateIdentifying(value: unknown, caseId: string): ChildIdentifyingData {
  return validateProtectedRecord(
    value,
    { subject: childSubject(caseId), allowed: CHILD_IDENTIFYING_FIELDS },
    'referral.case.invalid_identifying_data',
    { es: 'Los datos identificativos de la niña, niño o adolescente', en: "The child's identifying data" },
  );
}
