import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@crm/auth';
import { RequireOperation } from '../../../plan.policy';
import { ApiBilingual, ApiIdempotencyKey, ApiStandardErrors, CommandMeta } from '@crm/service-kit';
import { ApiIfMatch } from '@crm/service-kit';
import type { CommandOptions } from '@crm/service-kit';
import { ReportParams } from '../../../shared/dto';
import type { ReportView } from '../../report-view';
import { SaveDraftCommand } from './save-draft.command';
import { SaveDraftBody } from './save-draft.dto';

@ApiTags('reports')
@Controller('plan/reports')
export class SaveDraftController {
  constructor(private readonly commandBus: CommandBus) {}

  @Put(':country/:activityId/:period')
  @HttpCode(200)
  @RequireOperation('plan.report.draft', { country: 'params.country' })
  @ApiBilingual({
    es: 'Guardar el borrador del informe',
    en: 'Save the report draft',
    detail: {
      es: 'Crea o actualiza el borrador del informe de su país sobre una actividad y un semestre (también tras una devolución o una reapertura). Rol: oficial de informes o sistema nacional del país.',
      en: "Creates or updates your country's draft report on an activity and a semester (also after a return or a reopen). Role: the country's reporting officer or national system.",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(404, 409, 422)
  save(
    @Param() params: ReportParams,
    @Body() body: SaveDraftBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReportView> {
    return this.commandBus.execute(new SaveDraftCommand(principal, { ...params, content: body }, meta));
  }
}
