import { Module } from '@nestjs/common';
import { commandDepsProvider } from '@crm/service-kit';
import { CloseCaseController } from './commands/close-case/close-case.controller';
import { CloseCaseHandler } from './commands/close-case/close-case.handler';
import { CorrectIdentifyingDataController } from './commands/correct-identifying-data/correct-identifying-data.controller';
import { CorrectIdentifyingDataHandler } from './commands/correct-identifying-data/correct-identifying-data.handler';
import { EraseChildDataController } from './commands/erase-child-data/erase-child-data.controller';
import { EraseChildDataHandler } from './commands/erase-child-data/erase-child-data.handler';
import { NarrowConsentController } from './commands/narrow-consent/narrow-consent.controller';
import { NarrowConsentHandler } from './commands/narrow-consent/narrow-consent.handler';
import { RecordBestInterestsController } from './commands/record-best-interests/record-best-interests.controller';
import { RecordBestInterestsHandler } from './commands/record-best-interests/record-best-interests.handler';
import { RecordConsentController } from './commands/record-consent/record-consent.controller';
import { RecordConsentHandler } from './commands/record-consent/record-consent.handler';
import { RecordInterviewController } from './commands/record-interview/record-interview.controller';
import { RecordInterviewHandler } from './commands/record-interview/record-interview.handler';
import { RegisterCaseController } from './commands/register-case/register-case.controller';
import { RegisterCaseHandler } from './commands/register-case/register-case.handler';
import { UpdateIndicatorsController } from './commands/update-indicators/update-indicators.controller';
import { UpdateIndicatorsHandler } from './commands/update-indicators/update-indicators.handler';
import { WithdrawConsentController } from './commands/withdraw-consent/withdraw-consent.controller';
import { WithdrawConsentHandler } from './commands/withdraw-consent/withdraw-consent.handler';
import { GetAccessLogController } from './queries/get-access-log/get-access-log.controller';
import { GetAccessLogHandler } from './queries/get-access-log/get-access-log.handler';
import { GetCaseController } from './queries/get-case/get-case.controller';
import { GetCaseHandler } from './queries/get-case/get-case.handler';
import { GetIdentifyingDataController } from './queries/get-identifying-data/get-identifying-data.controller';
import { GetIdentifyingDataHandler } from './queries/get-identifying-data/get-identifying-data.handler';

/**
 * A child's case (`referralCase-<caseId>`): register, correct indicators and identifying data, best
 * interests, consents (record, narrow, withdraw), interviews, close, erase the child's personal data; the
 * owning country's view, the access-logged reveal of the identifying data and the access log itself. Needs
 * the platform's EVENT_STORE and CLOCK, the kit's PERSONAL_DATA protector and, optionally, the AUDIT_SINK.
 */
@Module({
  controllers: [
    RegisterCaseController,
    UpdateIndicatorsController,
    CorrectIdentifyingDataController,
    RecordBestInterestsController,
    RecordConsentController,
    NarrowConsentController,
    WithdrawConsentController,
    RecordInterviewController,
    CloseCaseController,
    EraseChildDataController,
    GetCaseController,
    GetIdentifyingDataController,
    GetAccessLogController,
  ],
  providers: [
    commandDepsProvider,
    RegisterCaseHandler,
    UpdateIndicatorsHandler,
    CorrectIdentifyingDataHandler,
    RecordBestInterestsHandler,
    RecordConsentHandler,
    NarrowConsentHandler,
    WithdrawConsentHandler,
    RecordInterviewHandler,
    CloseCaseHandler,
    EraseChildDataHandler,
    GetCaseHandler,
    GetIdentifyingDataHandler,
    GetAccessLogHandler,
  ],
})
export class CasesModule {}
