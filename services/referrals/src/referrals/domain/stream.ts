import { validReferralId } from './validation';

export const REFERRAL_STREAM_CATEGORY = 'referral';

/** `referral-<referralId>`, e.g. `referral-3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b` (422 on a malformed id). */
export function referralStreamName(referralId: string): string {
  return `${REFERRAL_STREAM_CATEGORY}-${validReferralId(referralId)}`;
}

const STREAM_PATTERN = /^referral-([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})$/;

/** The referral id of a referral stream name, or null when the name is not one. */
export function parseReferralStreamName(streamName: string): string | null {
  return STREAM_PATTERN.exec(streamName)?.[1] ?? null;
}
