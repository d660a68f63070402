import type { ServiceCommand } from '@crm/service-kit';
import { AcceptReferralCommand } from '../commands/accept-referral/accept-referral.command';
import { AcknowledgeReferralCommand } from '../commands/acknowledge-referral/acknowledge-referral.command';
import { CloseReferralCommand } from '../commands/close-referral/close-referral.command';
import { DeclineReferralCommand } from '../commands/decline-referral/decline-referral.command';
import {
  DraftReferralCommand,
  type DraftReferralInput,
} from '../commands/draft-referral/draft-referral.command';
import { MarkEnteredInErrorCommand } from '../commands/mark-entered-in-error/mark-entered-in-error.command';
import { ReportFollowUpCommand } from '../commands/report-follow-up/report-follow-up.command';
import { RevokeReferralCommand } from '../commands/revoke-referral/revoke-referral.command';
import { SendReferralCommand } from '../commands/send-referral/send-referral.command';
import { revealRecord } from '../../shared/personal-data';
import type { ReferralNote, ReferralStatus } from '../domain';
import type { ReferralView } from '../referral-view';
import { CASE_ID, FROM, HN_WORKER, MX_WORKER, REFERRAL_ID, TO, type ReferralWorld } from './referral-world';

/**
 * Referrals brought to a status by dispatching the real commands on the world's CommandBus, as the sides
 * would (Mexico's case worker sends, Honduras' case worker answers), with the world's standard setup.
 */

/** Mexico's draft to Honduras: identity, family and health for psychosocial support and family tracing. */
export const DRAFT: DraftReferralInput = {
  referralId: REFERRAL_ID,
  caseId: CASE_ID,
  from: { ...FROM },
  to: { ...TO },
  servicesRequested: ['psychosocial', 'family_tracing'],
  categories: ['identity', 'family', 'health'],
  urgency: 'urgent',
};

type Step = () => ServiceCommand<unknown, ReferralView>;
const id = { referralId: REFERRAL_ID };
const draft: Step = () => new DraftReferralCommand(MX_WORKER, DRAFT);
const send: Step = () => new SendReferralCommand(MX_WORKER, id);
const acknowledge: Step = () => new AcknowledgeReferralCommand(HN_WORKER, id);
const accept: Step = () => new AcceptReferralCommand(HN_WORKER, id);
const followUp: Step = () =>
  new ReportFollowUpCommand(HN_WORKER, {
    ...id,
    followUpId: 'follow-up-1',
    services: ['psychosocial'],
    status: 'provided',
  });

const PATHS: Record<ReferralStatus, Step[]> = {
  draft: [draft],
  requested: [draft, send],
  acknowledged: [draft, send, acknowledge],
  accepted: [draft, send, acknowledge, accept],
  in_progress: [draft, send, acknowledge, accept, followUp],
  completed: [
    draft,
    send,
    acknowledge,
    accept,
    followUp,
    () => new CloseReferralCommand(HN_WORKER, { ...id, outcome: 'reunified' }),
  ],
  declined: [draft, send, () => new DeclineReferralCommand(HN_WORKER, { ...id, reason: 'no_capacity' })],
  revoked: [draft, send, () => new RevokeReferralCommand(MX_WORKER, { ...id, reason: 'no_longer_needed' })],
  entered_in_error: [
    draft,
    send,
    () => new MarkEnteredInErrorCommand(MX_WORKER, { ...id, reason: 'wrong_case' }),
  ],
};

export const STATUSES = Object.keys(PATHS) as ReferralStatus[];

/** Dispatches the commands that bring the world's referral to `status`; the last view. */
export async function reach(world: ReferralWorld, status: ReferralStatus): Promise<ReferralView> {
  let view: ReferralView | undefined;
  for (const step of PATHS[status]) view = await world.commandBus.execute(step());
  return view!;
}

/** Expects `run` to be refused with `code` and `kind` and the stream to be unchanged. */
export async function expectRefused(
  world: ReferralWorld,
  stream: string,
  run: () => Promise<unknown>,
  expected: { code: string; kind: string },
): Promise<{ text: { es: string; en: string }; details?: unknown }> {
  const before = await world.count(stream);
  const error = await run().then(
    () => {
      throw new Error(`expected ${expected.code}, but the command succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toMatchObject(expected);
  expect(await world.count(stream)).toBe(before);
  return error as { text: { es: string; en: string } };
}

/**
 * The note of the stream's last event that has one: a ciphertext record under the child's key, whose text
 * (revealed as the receiving case worker would, logged) is `plaintext`; no stored event holds it in clear.
 */
export async function expectEncryptedNote(
  world: ReferralWorld,
  stream: string,
  plaintext: string,
  path: (data: Record<string, any>) => unknown = (data) => data.note,
): Promise<void> {
  const recorded = await world.store.readStream(stream);
  expect(JSON.stringify(recorded.map((e) => [e.data, e.metadata]))).not.toContain(plaintext);
  const note = [...recorded]
    .reverse()
    .map((e) => path(e.data as Record<string, any>))
    .find(Boolean) as {
    subject: string;
    fields: { text: unknown };
  };
  expect(note.subject).toBe(`child-${CASE_ID}`);
  expect(note.fields.text).toMatchObject({ v: 1, ct: expect.any(String), iv: expect.any(String) });
  const revealed = await revealRecord(
    world.protector,
    {
      principal: HN_WORKER,
      caseId: CASE_ID,
      purpose: 'test: read the note',
      caseCountry: 'MX',
      addressedTo: ['HN'],
    },
    note as ReferralNote,
    ['text'],
  );
  expect(revealed.text).toBe(plaintext);
}
