import type { Principal } from '@crm/auth';
import { handleCommand, toNewEvent } from '@crm/decider';
import type { Actor } from '@crm/event-store';
import type { CountryCode } from '@crm/kernel';
import type { CommandDeps, CommandOptions } from '@crm/service-kit';
import type { ReferralsOperation } from '../referrals.policy';
import { envelopeFor } from '../shared/envelope';
import { referralDecider, referralStreamName, type ReferralCommand, type ReferralState } from './domain';
import { authorizeOnReferral, loadReferral, type LoadedReferral } from './referral-access';
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

/**
 * The steps of a command on an existing referral: load it (404), authorise the principal on it (policy row,
 * default `referrals.referral.act`, then its institution: 403), build the domain command from what was
 * loaded (e.g. encrypt a note under the referral's child), then `appendToReferral`.
 */
export async function actOnReferral(
  deps: CommandDeps,
  step: {
    principal: Principal;
    referralId: string;
    useCase: string;
    via: string;
    options: CommandOptions;
    operation?: ReferralsOperation;
    command: (loaded: LoadedReferral, actor: Actor) => ReferralCommand | Promise<ReferralCommand>;
  },
): Promise<ReferralView> {
  const loaded = await loadReferral(deps.store, step.referralId);
  const actor = await authorizeOnReferral(
    deps,
    step.principal,
    loaded.parties,
    step.operation ?? 'referrals.referral.act',
    step.via,
  );
  const command = await step.command(loaded, actor);
  return appendToReferral(deps, { useCase: step.useCase, actor, command, options: step.options });
}
