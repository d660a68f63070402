import { isCaseId, validateCaseId } from './case-id';

/** One stream per child's case. */
export const CASE_STREAM_CATEGORY = 'referralCase';

/** `referralCase-<caseId>`, e.g. `referralCase-HN-3f0c8a1e-5b2d-4c6f-9a7e-1d2b3c4d5e6f` (malformed id: 422). */
export function caseStreamName(caseId: string): string {
  return `${CASE_STREAM_CATEGORY}-${validateCaseId(caseId)}`;
}

/** The case id of a case stream name, or null when the name is not one. */
export function parseCaseStreamName(streamName: string): string | null {
  const prefix = `${CASE_STREAM_CATEGORY}-`;
  if (!streamName.startsWith(prefix)) return null;
  const id = streamName.slice(prefix.length);
  return isCaseId(id) ? id : null;
}
