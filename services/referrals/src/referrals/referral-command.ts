import { handleCommand, toNewEvent } from '@crm/decider';
import type { Actor } from '@crm/event-store';
import type { CountryCode } from '@crm/kernel';
import type { CommandDeps, CommandOptions } from '@crm/service-kit';
import { envelopeFor } from '../shared/envelope';
import { referralDecider, referralStreamName, type ReferralCommand, type ReferralState } from './domain';
import { toReferralView, type ReferralView } from './referral-view';

/**
 * The countries a referral's events concern (each is published on those countries' `out` topics): the sender,
 * the current and earlier receivers, a pending or proposed transferee, and those the command names.
 */
export function referralCountries(state: ReferralState, command: ReferralCommand): CountryCode[] {
  const countries = new Set<CountryCode>();
  const add = (c: CountryCode | undefined | null) => c && countries.add(c);
  add(state.from?.country);
  add(state.to?.country);
  state.previousReceivers.forEach((r) => add(r.country));
  add(state.pendingTransfer?.to.country);
  if (command.type === 'DraftReferral') {
    add(command.from.country);
    add(command.to.country);
  }
  if (command.type === 'UpdateDraft') add(command.to?.country);
  if (command.type === 'RequestTransfer') add(command.to.country);
  return [...countries];
}

/**
 * Load → decide → append on `referral-<referralId>` with the caller's expected revision (412 when stale), event
 * ids derived from the command id (a repeated command records nothing new) and the countries the referral
 * concerns; a refusal stores nothing. Returns the view of the referral for the acting side.
 */
export async function appendToReferral(
  deps: Pick<CommandDeps, 'store' | 'clock'>,
  step: { useCase: string; actor: Actor; command: ReferralCommand; options: CommandOptions },
): Promise<ReferralView> {
  const streamName = referralStreamName(step.command.referralId);
  // the countries come from the state the command is decided on: refine each event's countries with them
  let countries: CountryCode[] = [];
  const result = await handleCommand({
    store: deps.store,
    decider: {
      ...referralDecider,
      decide: (command, state, context) => {
        countries = referralCountries(state, command);
        return referralDecider.decide(command, state, context);
      },
    },
    streamName,
    command: step.command,
    context: {
      envelope: envelopeFor(step.useCase, streamName, step.actor, [], step.options),
      clock: deps.clock,
    },
    toNewEvent: (event, context) => ({ ...toNewEvent(event, context), countries: [...countries] }),
    expectedRevision: step.options.expectedRevision,
  });
  return toReferralView(streamName, result.nextExpectedRevision, result.state, step.actor);
}
