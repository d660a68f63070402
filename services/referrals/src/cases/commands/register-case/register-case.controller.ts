import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedOnly, CurrentPrincipal, type Principal } from '@crm/auth';
import {
  ApiBilingual,
  ApiIdempotencyKey,
  ApiStandardErrors,
  CommandMeta,
  type CommandOptions,
} from '@crm/service-kit';
import type { CaseView } from '../../case-view';
import { RegisterCaseCommand } from './register-case.command';
import { RegisterCaseBody } from './register-case.dto';

@ApiTags('cases')
@Controller('referrals/cases')
export class RegisterCaseController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Authorised by the handler (`referrals.case.register` on the case's country, audited). */
  @Post()
  @HttpCode(201)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Registrar el caso de una niña, niño o adolescente',
    en: "Register a child's case",
    detail: {
      es: 'Abre el caso con los indicadores comunes de registro (no identificativos) y los datos identificativos, que se cifran con la clave propia de la niña o el niño antes de guardarse; nunca se registran en bitácoras ni se devuelven sin una consulta con finalidad registrada. La institución que atiende el caso debe ser del país y estar activa en el directorio. Rol: gestión de casos o sistema nacional del país.',
      en: "Opens the case with the common registration indicators (non-identifying) and the identifying data, which is encrypted under the child's own key before it is stored; it is never logged nor answered without a view whose purpose is recorded. The handling institution must be of the country and active in the directory. Role: the country's case worker or national system.",
    },
  })
  @ApiIdempotencyKey()
  @ApiStandardErrors(403, 409, 422)
  register(
    @Body() body: RegisterCaseBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<CaseView> {
    return this.commandBus.execute(
      new RegisterCaseCommand(
        principal,
        {
          ...(body.caseId !== undefined && { caseId: body.caseId }),
          institutionId: body.institutionId,
          indicators: body.indicators,
          ...(body.identifying !== undefined && { identifying: body.identifying }),
        },
        meta,
      ),
    );
  }
}
