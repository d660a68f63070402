import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { validReferralId } from '../../domain';
import { validInstitution } from '../../domain/validation';
import { authorizeOnReferral } from '../../referral-access';
import { appendToReferral } from '../../referral-command';
import { requireCaseToRefer, requireTargetInstitution } from '../../referral-targets';
import type { ReferralView } from '../../referral-view';
import { DraftReferralCommand } from './draft-referral.command';

/**
 * Draft: the ids and institutions are well formed (422), the principal may act for the sending institution
 * (403, audited), the case is registered, the sender's country's and open (422 / 409), the receiving institution
 * is in the directory, active and in `to.country` (422 / 409); then the decider (cross-border, codes).
 */
@CommandHandler(DraftReferralCommand)
export class DraftReferralHandler implements ICommandHandler<DraftReferralCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, input, options }: DraftReferralCommand): Promise<ReferralView> {
    const referralId = validReferralId(input.referralId);
    const from = validInstitution(input.from, 'from');
    const to = validInstitution(input.to, 'to');
    const actor = await authorizeOnReferral(
      this.deps,
      principal,
      { from, to, transferee: null },
      'referrals.referral.act',
      DraftReferralCommand.name,
    );
    await requireCaseToRefer(this.deps.store, input.caseId, from);
    await requireTargetInstitution(this.deps.store, to, 'to');
    return appendToReferral(this.deps, {
      useCase: 'draft',
      actor,
      options,
      command: {
        type: 'DraftReferral',
        referralId,
        caseId: input.caseId,
        from,
        to,
        servicesRequested: input.servicesRequested,
        categories: input.categories,
        urgency: input.urgency,
      },
    });
  }
}
