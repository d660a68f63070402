import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { derivedId } from '../../../shared/derived-id';
import { appendToCase, authorizeCase } from '../../case-command';
import type { CaseView } from '../../case-view';
import type { ConsentForm, ConsentGiver, ConsentScope } from '../../domain';
import { RecordConsentCommand } from './record-consent.command';

@CommandHandler(RecordConsentCommand)
export class RecordConsentHandler implements ICommandHandler<RecordConsentCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, input, options }: RecordConsentCommand): Promise<CaseView> {
    const authorized = await authorizeCase(
      this.deps,
      principal,
      input.caseId,
      'referrals.case.consent',
      RecordConsentCommand.name,
    );
    return appendToCase(this.deps, {
      useCase: 'recordConsent',
      ...authorized,
      principal,
      options,
      command: {
        type: 'RecordConsent',
        caseId: authorized.caseId,
        consentId: input.consentId ?? derivedId(`consent:${authorized.caseId}`, options.commandId),
        givenBy: input.givenBy as ConsentGiver,
        form: input.form as ConsentForm,
        scope: input.scope as ConsentScope,
      },
    });
  }
}
