import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@crm/auth';
import { RequireOperation } from '../../plan.policy';
import type { Activity } from '../../domain/catalogue';
import { ApiBilingual, ApiIdempotencyKey, ApiStandardErrors } from '../../http/api-docs';
import { CommandMeta } from '../../http/idempotency';
import { PlanCommands } from '../plan-commands.service';
import type { CatalogueSummary } from '../shared/catalogue-view';
import type { CommandOptions } from '../shared/command-context';
import { PlanQuery } from '../shared/dto';
import type { AmendCatalogueInput } from './amend-catalogue.handler';
import { AmendCatalogueBody } from './amend-catalogue.dto';

@ApiTags('catalogue')
@Controller('plan/catalogue')
export class AmendCatalogueController {
  constructor(private readonly commands: PlanCommands) {}

  @Post('amendments')
  @HttpCode(200)
  @RequireOperation('plan.catalogue.amend')
  @ApiBilingual({
    es: 'Enmendar el catálogo del plan',
    en: "Amend the plan's catalogue",
    detail: {
      es: 'Añade, reformula o retira una actividad, o cambia su cronograma, en el catálogo del plan `?plan=` (por defecto el importado al arrancar). Cada enmienda crea una nueva versión del catálogo y exige un motivo. Rol: coordinación de la Secretaría Técnica.',
      en: 'Adds, rewords or retires an activity, or changes its schedule, in the catalogue of plan `?plan=` (default: the one imported at start). Every amendment creates a new catalogue version and needs a reason. Role: Technical Secretariat coordinator.',
    },
  })
  @ApiIdempotencyKey()
  @ApiStandardErrors(409, 422)
  amend(
    @Body() body: AmendCatalogueBody,
    @Query() query: PlanQuery,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<CatalogueSummary> {
    return this.commands.amendCatalogue(principal, toInput(body), meta, query.plan);
  }
}

function toInput(body: AmendCatalogueBody): AmendCatalogueInput {
  const reason = body.reason;
  switch (body.type) {
    case 'add':
      return { type: 'add', activity: body.activity as unknown as Activity, reason };
    case 'reword':
      return {
        type: 'reword',
        activityId: body.activityId as string,
        text: { es: body.text!.es, en: body.text!.en },
        reason,
      };
    case 'retire':
      return { type: 'retire', activityId: body.activityId as string, reason };
    case 'changeSchedule':
      return {
        type: 'changeSchedule',
        activityId: body.activityId as string,
        year: body.year as number,
        value: body.value ?? null,
        reason,
      };
  }
}
