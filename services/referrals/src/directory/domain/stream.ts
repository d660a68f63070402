import { isInstitutionId, validateInstitutionId } from './institution-id';

/** One stream per institution holds every version of its directory entry. */
export const INSTITUTION_STREAM_CATEGORY = 'referralInstitution';

/** `referralInstitution-<institutionId>`, e.g. `referralInstitution-HN-DINAF` (a malformed id: 422). */
export function institutionStreamName(institutionId: string): string {
  return `${INSTITUTION_STREAM_CATEGORY}-${validateInstitutionId(institutionId)}`;
}

/** The institution id of a directory stream name, or null when the name is not one. */
export function parseInstitutionStreamName(streamName: string): string | null {
  const prefix = `${INSTITUTION_STREAM_CATEGORY}-`;
  if (!streamName.startsWith(prefix)) return null;
  const id = streamName.slice(prefix.length);
  return isInstitutionId(id) ? id : null;
}
