import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiBilingual, ApiStandardErrors } from '@crm/service-kit';
import { RequireOperation } from '../../../referrals.policy';
import { ListInstitutionsQueryString } from './list-institutions.dto';
import { ListInstitutionsQuery, type InstitutionList } from './list-institutions.query';

@ApiTags('institutions')
@Controller('referrals/institutions')
export class ListInstitutionsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @RequireOperation('referrals.institution.read')
  @ApiBilingual({
    es: 'Listar las instituciones del directorio',
    en: 'List the directory institutions',
    detail: {
      es: 'Las instituciones de protección (de un país si se indica), con su tipo, estado, versión, última verificación, desde cuándo están desactualizadas y los idiomas de sus puntos focales. Sin nombres ni contactos de personas. Funcionarios de cualquier país miembro y la Secretaría Técnica.',
      en: "The protection institutions (of one country when given), with their kind, status, version, last verification, since when they are stale and their focal points' languages. No person's name or contact. Officials of any member country and the Technical Secretariat.",
    },
  })
  @ApiStandardErrors()
  list(@Query() query: ListInstitutionsQueryString): Promise<InstitutionList> {
    return this.queryBus.execute(
      new ListInstitutionsQuery({
        ...(query.country !== undefined && { country: query.country }),
        ...(query.status !== undefined && { status: query.status }),
        ...(query.maxAgeDays !== undefined && { maxAgeDays: query.maxAgeDays }),
      }),
    );
  }
}
