import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiBilingual, ApiStandardErrors } from '@crm/service-kit';
import { RequireOperation } from '../../../referrals.policy';
import { StaleInstitutionsQueryString } from './list-stale-institutions.dto';
import { ListStaleInstitutionsQuery, type StaleInstitutionList } from './list-stale-institutions.query';

@ApiTags('institutions')
@Controller('referrals/institutions')
export class ListStaleInstitutionsController {
  constructor(private readonly queryBus: QueryBus) {}

  /** Registered before `GET :id` (DirectoryModule lists this controller first), so `stale` is not taken for an id. */
  @Get('stale')
  @RequireOperation('referrals.institution.read')
  @ApiBilingual({
    es: 'Instituciones por verificar de nuevo',
    en: 'Institutions to verify again',
    detail: {
      es: 'Las instituciones activas cuya última verificación tiene más de `maxAgeDays` días (por defecto 180), desde la más antigua: un directorio solo sirve mientras sus puntos focales responden. Para el tablero de la Secretaría Técnica y los funcionarios de los países.',
      en: 'The active institutions whose last verification is more than `maxAgeDays` days old (default 180), the oldest first: a directory is only useful while its focal points answer. For the Technical Secretariat dashboard and the country officials.',
    },
  })
  @ApiStandardErrors()
  stale(@Query() query: StaleInstitutionsQueryString): Promise<StaleInstitutionList> {
    return this.queryBus.execute(
      new ListStaleInstitutionsQuery({
        ...(query.country !== undefined && { country: query.country }),
        ...(query.maxAgeDays !== undefined && { maxAgeDays: query.maxAgeDays }),
      }),
    );
  }
}
