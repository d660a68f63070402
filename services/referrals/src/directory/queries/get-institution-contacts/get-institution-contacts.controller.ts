import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@crm/auth';
import { ApiBilingual, ApiStandardErrors, NoRevisionETag } from '@crm/service-kit';
import { RequireOperation } from '../../../referrals.policy';
import { InstitutionParams } from '../../dto';
import { PurposeQueryString } from '../../../shared/purpose.dto';
import { GetInstitutionContactsQuery, type InstitutionContacts } from './get-institution-contacts.query';

@ApiTags('institutions')
@Controller('referrals/institutions')
export class GetInstitutionContactsController {
  constructor(private readonly queryBus: QueryBus) {}

  /** Route check: a directory reader; the protector then authorises `pii.read` and records the view. */
  @Get(':id/contacts')
  @RequireOperation('referrals.institution.read')
  @NoRevisionETag()
  @Header('Cache-Control', 'no-store')
  @ApiBilingual({
    es: 'Ver los contactos de los puntos focales de una institución',
    en: "See an institution's focal points' contacts",
    detail: {
      es: 'Nombre, correo y teléfono de los puntos focales (datos personales de adultos, guardados cifrados), descifrados solo tras registrar quién, cuándo y para qué en la bitácora de accesos. `purpose` es obligatorio. Un contacto borrado aparece como `{ "erased": true }`. Rol: gestión de casos, funcionariado consular o sistema nacional de cualquier país miembro; la Secretaría Técnica no.',
      en: 'The focal points\' name, email and phone (adults\' personal data, stored encrypted), decrypted only after who, when and why is recorded in the access log. `purpose` is required. An erased contact shows as `{ "erased": true }`. Role: a case worker, consular officer or national system of any member country; not the Technical Secretariat.',
    },
  })
  @ApiStandardErrors(404, 422)
  contacts(
    @Param() params: InstitutionParams,
    @Query() query: PurposeQueryString,
    @CurrentPrincipal() principal: Principal,
  ): Promise<InstitutionContacts> {
    return this.queryBus.execute(new GetInstitutionContactsQuery(principal, params.id, query.purpose));
  }
}
