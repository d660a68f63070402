import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PersonalDataProtector } from '@crm/pii';
import { COMMAND_DEPS, PERSONAL_DATA, type CommandDeps } from '@crm/service-kit';
import { directoryViewOf } from '../../../directory/directory-reader';
import { institutionCountry, validateInstitutionId } from '../../../directory/domain';
import { derivedId } from '../../../shared/derived-id';
import { appendToCase, authorizeCase, protectIdentifying } from '../../case-command';
import type { CaseView } from '../../case-view';
import type { CaseIndicators } from '../../domain';
import { RegisterCaseCommand } from './register-case.command';

@CommandHandler(RegisterCaseCommand)
export class RegisterCaseHandler implements ICommandHandler<RegisterCaseCommand> {
  constructor(
    @Inject(COMMAND_DEPS) private readonly deps: CommandDeps,
    @Inject(PERSONAL_DATA) private readonly protector: PersonalDataProtector,
  ) {}

  async execute({ principal, input, options }: RegisterCaseCommand): Promise<CaseView> {
    // the case belongs to the handling institution's country unless the caller names the case
    const institutionId = validateInstitutionId(input.institutionId);
    const caseId =
      input.caseId ??
      `${institutionCountry(institutionId)}-${derivedId(`registerCase:${principal.subject}`, options.commandId)}`;
    const authorized = await authorizeCase(
      this.deps,
      principal,
      caseId,
      'referrals.case.register',
      RegisterCaseCommand.name,
    );
    const directory = await directoryViewOf(this.deps.store, institutionId);
    const identifying = await protectIdentifying(this.protector, authorized.caseId, input.identifying);
    return appendToCase(this.deps, {
      useCase: 'registerCase',
      ...authorized,
      principal,
      options,
      command: {
        type: 'RegisterCase',
        caseId: authorized.caseId,
        country: authorized.country,
        institutionId,
        indicators: input.indicators as CaseIndicators,
        identifying,
        directory,
      },
    });
  }
}
