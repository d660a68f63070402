import { PERSONAL_DATA_FIELDS } from '@crm/contracts';
import { definePersonalData, type PersonalDataDeclaration } from './personal-fields';

/**
 * The integration contracts' personal-data declarations (contracts/src/personal-data.ts, one entry per
 * contract key) registered into this library's registry, the one the redacting logger reads. Runs when
 * @crm/pii is loaded, so a field declared there is redacted from the logs without a second declaration.
 * Domain events inside a service declare theirs with definePersonalData next to the event type.
 */
export function registerContractPersonalData(
  fields: Readonly<Record<string, readonly string[]>> = PERSONAL_DATA_FIELDS,
): PersonalDataDeclaration[] {
  return Object.entries(fields).map(([contractKey, paths]) => definePersonalData(contractKey, paths));
}

registerContractPersonalData();
