import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@crm/auth';
import { RequireOperation } from '../../plan.policy';
import { ApiBilingual, ApiIdempotencyKey, ApiStandardErrors } from '../../http/api-docs';
import { CommandMeta } from '../../http/idempotency';
import { PlanCommands } from '../plan-commands.service';
import type { CommandOptions } from '../shared/command-context';
import { ReportParams } from '../shared/dto';
import type { ReportView } from '../shared/report-view';
import { SaveDraftBody } from './save-draft.dto';

@ApiTags('reports')
@Controller('plan/reports')
export class SaveDraftController {
  constructor(private readonly commands: PlanCommands) {}

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
  @ApiStandardErrors(404, 409, 422)
  save(
    @Param() params: ReportParams,
    @Body() body: SaveDraftBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReportView> {
    return this.commands.saveDraft(principal, { ...params, content: body }, meta);
  }
}
