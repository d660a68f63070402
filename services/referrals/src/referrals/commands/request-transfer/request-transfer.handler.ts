import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PersonalDataProtector } from '@crm/pii';
import { COMMAND_DEPS, PERSONAL_DATA, type CommandDeps } from '@crm/service-kit';
import { validInstitution } from '../../domain/validation';
import { actOnReferral } from '../../referral-command';
import { protectNote } from '../../referral-note';
import { requireTargetInstitution } from '../../referral-targets';
import type { ReferralView } from '../../referral-view';
import { RequestTransferCommand } from './request-transfer.command';

/**
 * Load, authorise, the target institution in the directory, active and of `to.country` (422 / 409), encrypt the
 * note under the referral's child, then the decider (third country, something left to share).
 */
@CommandHandler(RequestTransferCommand)
export class RequestTransferHandler implements ICommandHandler<RequestTransferCommand> {
  constructor(
    @Inject(COMMAND_DEPS) private readonly deps: CommandDeps,
    @Inject(PERSONAL_DATA) private readonly protector: PersonalDataProtector,
  ) {}

  execute({ principal, input, options }: RequestTransferCommand): Promise<ReferralView> {
    return actOnReferral(this.deps, {
      principal,
      referralId: input.referralId,
      useCase: 'requestTransfer',
      via: RequestTransferCommand.name,
      options,
      command: async ({ state }) => {
        const to = validInstitution(input.to, 'to');
        await requireTargetInstitution(this.deps.store, to, 'to');
        return {
          type: 'RequestTransfer',
          referralId: input.referralId,
          transferId: input.transferId,
          to,
          reason: input.reason,
          note: await protectNote(this.protector, state.caseId!, input.note),
        };
      },
    });
  }
}
