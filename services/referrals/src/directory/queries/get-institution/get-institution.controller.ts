import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiBilingual, ApiStandardErrors } from '@crm/service-kit';
import { RequireOperation } from '../../../referrals.policy';
import { InstitutionParams, MaxAgeQueryString } from '../../dto';
import type { InstitutionView } from '../../institution-view';
import { GetInstitutionQuery } from './get-institution.query';

@ApiTags('institutions')
@Controller('referrals/institutions')
export class GetInstitutionController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @RequireOperation('referrals.institution.read')
  @ApiBilingual({
    es: 'Consultar una institución del directorio',
    en: 'Read a directory institution',
    detail: {
      es: 'La entrada actual: tipo, nombre, estado, versión, verificación, puntos focales (identificador, idiomas y si su contacto fue borrado), sin nombres ni contactos de personas (ver `/contacts`). `revision` es la que se envía en `If-Match` para modificarla. Funcionarios de cualquier país miembro y la Secretaría Técnica.',
      en: "The current entry: kind, name, status, version, verification, focal points (id, languages and whether their contact was erased), without any person's name or contact (see `/contacts`). `revision` is what to send in `If-Match` to change it. Officials of any member country and the Technical Secretariat.",
    },
  })
  @ApiStandardErrors(404, 422)
  institution(
    @Param() params: InstitutionParams,
    @Query() query: MaxAgeQueryString,
  ): Promise<InstitutionView> {
    return this.queryBus.execute(
      new GetInstitutionQuery(
        params.id,
        query.maxAgeDays !== undefined ? { maxAgeDays: query.maxAgeDays } : {},
      ),
    );
  }
}
