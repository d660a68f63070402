import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedOnly, CurrentPrincipal, type Principal } from '@crm/auth';
import { ApiBilingual, ApiStandardErrors, NoQueryString } from '@crm/service-kit';
import { CaseParams } from '../../dto';
import { GetAccessLogQuery, type CaseAccessLog } from './get-access-log.query';

@ApiTags('cases')
@Controller('referrals/cases')
export class GetAccessLogController {
  constructor(private readonly queryBus: QueryBus) {}

  /** Authorised by the handler (`referrals.case.accessLog` and the handling institution, audited). */
  @Get(':caseId/access-log')
  @AuthenticatedOnly()
  @Header('Cache-Control', 'no-store')
  @ApiBilingual({
    es: 'Bitácora de accesos a los datos de una niña, niño o adolescente',
    en: "Access log of a child's data",
    detail: {
      es: 'Cada consulta de los datos identificativos del caso: quién (persona, país, institución, roles), cuándo, para qué y qué mostró (`revealed` o `erased`), y el borrado si lo hubo; con la verificación de su cadena de hashes. Solo la supervisión de la institución que atiende el caso.',
      en: "Every view of the case's identifying data: who (person, country, institution, roles), when, why and what it showed (`revealed` or `erased`), and the erasure if any; with the check of its hash chain. Only the supervisor of the institution handling the case.",
    },
  })
  @ApiStandardErrors(404)
  accessLog(
    @Param() params: CaseParams,
    @Query() _query: NoQueryString,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseAccessLog> {
    return this.queryBus.execute(new GetAccessLogQuery(principal, params.caseId));
  }
}
