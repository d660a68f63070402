import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { appendToCase, authorizeCase } from '../../case-command';
import type { CaseView } from '../../case-view';
import type { ConsentScope } from '../../domain';
import { NarrowConsentCommand } from './narrow-consent.command';

@CommandHandler(NarrowConsentCommand)
export class NarrowConsentHandler implements ICommandHandler<NarrowConsentCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, input, options }: NarrowConsentCommand): Promise<CaseView> {
    const authorized = await authorizeCase(
      this.deps,
      principal,
      input.caseId,
      'referrals.case.consent',
      NarrowConsentCommand.name,
    );
    return appendToCase(this.deps, {
      useCase: 'narrowConsent',
      ...authorized,
      principal,
      options,
      command: {
        type: 'NarrowConsent',
        caseId: authorized.caseId,
        consentId: input.consentId,
        scope: input.scope as ConsentScope,
      },
    });
  }
}
