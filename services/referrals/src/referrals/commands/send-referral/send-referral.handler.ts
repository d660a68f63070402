import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@crm/event-store';
import type { PersonalDataProtector } from '@crm/pii';
import { COMMAND_DEPS, PERSONAL_DATA, type CommandDeps } from '@crm/service-kit';
import { calendarDateOf } from '../../../shared/formats';
import {
  deadlinesFor,
  requireSide,
  requireTransition,
  type ConsentBasisInput,
  type ReferralCommand,
} from '../../domain';
import { nothingCovered, unknownCase } from '../../errors';
import { loadCase } from '../../../cases/case-reader';
import { effectiveDeadlinePolicy } from '../../../deadline-policy/deadline-policy-reader';
import type { LoadedReferral } from '../../referral-access';
import { actOnReferral } from '../../referral-command';
import { consentBasisFor } from '../../referral-consent';
import { protectNote } from '../../referral-note';
import type { ReferralView } from '../../referral-view';
import { SendReferralCommand, type SendReferralInput } from './send-referral.command';

/**
 * Send, in this order: load (404); authorise `referrals.referral.act`, or `referrals.referral.override` when the
 * body carries an override (403, audited), and the institution (403); the status and the side (409, 403: before
 * anything is computed); the basis: the override (its note encrypted under the child's key; `authorisedBy` the
 * granting role) or the case's consents for the receiving institution and the requested services (422
 * `referral.consent_required` when they cover nothing); the deadlines of the pair's effective policy; the
 * decider.
 */
@CommandHandler(SendReferralCommand)
export class SendReferralHandler implements ICommandHandler<SendReferralCommand> {
  constructor(
    @Inject(COMMAND_DEPS) private readonly deps: CommandDeps,
    @Inject(PERSONAL_DATA) private readonly protector: PersonalDataProtector,
  ) {}

  execute({ principal, input, options }: SendReferralCommand): Promise<ReferralView> {
    return actOnReferral(this.deps, {
      principal,
      referralId: input.referralId,
      useCase: 'send',
      via: SendReferralCommand.name,
      options,
      operation: input.override ? 'referrals.referral.override' : 'referrals.referral.act',
      command: (loaded, actor) => this.sendCommand(input, loaded, actor),
    });
  }

  private async sendCommand(
    input: SendReferralInput,
    { state, parties }: LoadedReferral,
    actor: Actor,
  ): Promise<ReferralCommand> {
    requireTransition('SendReferral', state);
    requireSide('SendReferral', state, actor);
    const now = this.deps.clock();
    const policy = await effectiveDeadlinePolicy(this.deps.store, parties.from.country, parties.to.country);
    return {
      type: 'SendReferral',
      referralId: input.referralId,
      consent: await this.basis(input, state, parties, actor, calendarDateOf(now)),
      deadlines: deadlinesFor(policy, now),
    };
  }

  private async basis(
    input: SendReferralInput,
    state: LoadedReferral['state'],
    parties: LoadedReferral['parties'],
    actor: Actor,
    today: string,
  ): Promise<ConsentBasisInput> {
    const caseId = state.caseId!;
    if (input.override) {
      const note = await protectNote(this.protector, caseId, input.override.note, 'override.note');
      return {
        kind: 'override',
        reason: input.override.reason,
        ...(note ? { note } : {}),
        authorisedBy: actor.role,
      };
    }
    const { state: caseState, revision } = await loadCase(this.deps.store, caseId);
    if (revision < 0) throw unknownCase(caseId);
    const basis = consentBasisFor(caseState, state, parties.to, today);
    if (basis.covered.length === 0) {
      throw nothingCovered({
        requested: state.categories,
        services: state.servicesRequested,
        recipient: parties.to,
        on: today,
      });
    }
    return basis;
  }
}
