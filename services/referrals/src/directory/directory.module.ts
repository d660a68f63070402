import { Module } from '@nestjs/common';
import { commandDepsProvider } from '@crm/service-kit';
import { DeactivateInstitutionController } from './commands/deactivate-institution/deactivate-institution.controller';
import { DeactivateInstitutionHandler } from './commands/deactivate-institution/deactivate-institution.handler';
import { EraseFocalPointController } from './commands/erase-focal-point/erase-focal-point.controller';
import { EraseFocalPointHandler } from './commands/erase-focal-point/erase-focal-point.handler';
import { ReactivateInstitutionController } from './commands/reactivate-institution/reactivate-institution.controller';
import { ReactivateInstitutionHandler } from './commands/reactivate-institution/reactivate-institution.handler';
import { RegisterInstitutionController } from './commands/register-institution/register-institution.controller';
import { RegisterInstitutionHandler } from './commands/register-institution/register-institution.handler';
import { UpdateInstitutionController } from './commands/update-institution/update-institution.controller';
import { UpdateInstitutionHandler } from './commands/update-institution/update-institution.handler';
import { VerifyInstitutionController } from './commands/verify-institution/verify-institution.controller';
import { VerifyInstitutionHandler } from './commands/verify-institution/verify-institution.handler';
import { GetInstitutionContactsController } from './queries/get-institution-contacts/get-institution-contacts.controller';
import { GetInstitutionContactsHandler } from './queries/get-institution-contacts/get-institution-contacts.handler';
import { GetInstitutionController } from './queries/get-institution/get-institution.controller';
import { GetInstitutionHandler } from './queries/get-institution/get-institution.handler';
import { ListInstitutionsController } from './queries/list-institutions/list-institutions.controller';
import { ListInstitutionsHandler } from './queries/list-institutions/list-institutions.handler';
import { ListStaleInstitutionsController } from './queries/list-stale-institutions/list-stale-institutions.controller';
import { ListStaleInstitutionsHandler } from './queries/list-stale-institutions/list-stale-institutions.handler';

/**
 * The institutions directory (`referralInstitution-<id>`, plan IV.3): register, update, verify, deactivate,
 * reactivate an entry, erase a focal point's contact; list, stale list, one entry, revealed contacts. Needs the
 * platform's EVENT_STORE and CLOCK, the kit's PERSONAL_DATA protector and, optionally, the AUDIT_SINK.
 * The stale list's controller comes before the one-entry controller so `GET /referrals/institutions/stale`
 * is not read as an id.
 */
@Module({
  controllers: [
    ListStaleInstitutionsController,
    ListInstitutionsController,
    GetInstitutionContactsController,
    GetInstitutionController,
    RegisterInstitutionController,
    UpdateInstitutionController,
    VerifyInstitutionController,
    DeactivateInstitutionController,
    ReactivateInstitutionController,
    EraseFocalPointController,
  ],
  providers: [
    commandDepsProvider,
    RegisterInstitutionHandler,
    UpdateInstitutionHandler,
    VerifyInstitutionHandler,
    DeactivateInstitutionHandler,
    ReactivateInstitutionHandler,
    EraseFocalPointHandler,
    ListInstitutionsHandler,
    ListStaleInstitutionsHandler,
    GetInstitutionHandler,
    GetInstitutionContactsHandler,
  ],
})
export class DirectoryModule {}
