import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { appendToCase, authorizeCase } from '../../case-command';
import type { CaseView } from '../../case-view';
import type { WithdrawalReason } from '../../domain';
import { WithdrawConsentCommand } from './withdraw-consent.command';

@CommandHandler(WithdrawConsentCommand)
export class WithdrawConsentHandler implements ICommandHandler<WithdrawConsentCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, input, options }: WithdrawConsentCommand): Promise<CaseView> {
    const authorized = await authorizeCase(
      this.deps,
      principal,
      input.caseId,
      'referrals.case.consent',
      WithdrawConsentCommand.name,
    );
    return appendToCase(this.deps, {
      useCase: 'withdrawConsent',
      ...authorized,
      principal,
      options,
      command: {
        type: 'WithdrawConsent',
        caseId: authorized.caseId,
        consentId: input.consentId,
        ...(input.reason !== undefined && { reason: input.reason as WithdrawalReason }),
      },
    });
  }
}
