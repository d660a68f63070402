import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedOnly, CurrentPrincipal, type Principal } from '@crm/auth';
import { ApiBilingual, ApiStandardErrors, NoRevisionETag } from '@crm/service-kit';
import { PurposeQueryString } from '../../../shared/purpose.dto';
import { CaseParams } from '../../dto';
import { GetIdentifyingDataQuery, type RevealedIdentifyingData } from './get-identifying-data.query';

@ApiTags('cases')
@Controller('referrals/cases')
export class GetIdentifyingDataController {
  constructor(private readonly queryBus: QueryBus) {}

  /** Authorised by the handler (`referrals.case.read`) and the protector (`pii.read`), both audited. */
  @Get(':caseId/identifying')
  @AuthenticatedOnly()
  @NoRevisionETag()
  @Header('Cache-Control', 'no-store')
  @ApiBilingual({
    es: 'Ver los datos identificativos de una niña, niño o adolescente',
    en: "See a child's identifying data",
    detail: {
      es: 'Descifra los datos identificativos que su rol puede ver, solo después de registrar en la bitácora de accesos quién, cuándo y para qué (`purpose`, obligatorio). Tras un borrado cada campo es `{ "erased": true }`. La Secretaría Técnica y otros países: 403. Rol: gestión de casos, funcionariado consular o sistema nacional del país del caso.',
      en: 'Decrypts the identifying data your role may see, only after who, when and why (`purpose`, required) is recorded in the access log. After an erasure each field is `{ "erased": true }`. The Technical Secretariat and other countries: 403. Role: the case country\'s case worker, consular officer or national system.',
    },
  })
  @ApiStandardErrors(404)
  identifying(
    @Param() params: CaseParams,
    @Query() query: PurposeQueryString,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RevealedIdentifyingData> {
    return this.queryBus.execute(new GetIdentifyingDataQuery(principal, params.caseId, query.purpose));
  }
}
