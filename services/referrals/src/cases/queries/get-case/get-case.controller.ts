import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedOnly, CurrentPrincipal, type Principal } from '@crm/auth';
import { ApiBilingual, ApiStandardErrors, NoQueryString } from '@crm/service-kit';
import type { CaseView } from '../../case-view';
import { CaseParams } from '../../dto';
import { GetCaseQuery } from './get-case.query';

@ApiTags('cases')
@Controller('referrals/cases')
export class GetCaseController {
  constructor(private readonly queryBus: QueryBus) {}

  /** Authorised by the handler (`referrals.case.read` on the case's country, audited). */
  @Get(':caseId')
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Consultar un caso',
    en: 'Read a case',
    detail: {
      es: 'La vista del país dueño del caso: indicadores (los de las categorías que su rol puede ver), qué datos identificativos hay (sin sus valores) y si fueron borrados, consentimientos con su estado, evaluaciones sin recomendaciones, número de entrevistas y la advertencia de revictimización. `revision` es la que se envía en `If-Match`. Rol: gestión de casos, supervisión, funcionariado consular o sistema nacional del país del caso.',
      en: "The owning country's view of the case: indicators (those of the categories your role may see), which identifying fields are on file (without values) and whether they were erased, consents with their status, assessments without recommendations, the number of interviews and the re-victimisation warning. `revision` is what to send in `If-Match`. Role: the case country's case worker, supervisor, consular officer or national system.",
    },
  })
  @ApiStandardErrors(404)
  case(
    @Param() params: CaseParams,
    @Query() _query: NoQueryString,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseView> {
    return this.queryBus.execute(new GetCaseQuery(principal, params.caseId));
  }
}
