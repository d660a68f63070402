import { Module } from '@nestjs/common';
import { commandDepsProvider } from '@crm/service-kit';
import { GetDisclosedViewController } from './queries/get-disclosed-view/get-disclosed-view.controller';
import { GetDisclosedViewHandler } from './queries/get-disclosed-view/get-disclosed-view.handler';
import { GetReferralController } from './queries/get-referral/get-referral.controller';
import { GetReferralHandler } from './queries/get-referral/get-referral.handler';
import { NotifyConsentWithdrawalHandler } from './commands/notify-consent-withdrawal/notify-consent-withdrawal.handler';
import { DraftReferralController } from './commands/draft-referral/draft-referral.controller';
import { DraftReferralHandler } from './commands/draft-referral/draft-referral.handler';
import { UpdateDraftController } from './commands/update-draft/update-draft.controller';
import { UpdateDraftHandler } from './commands/update-draft/update-draft.handler';
import { SendReferralController } from './commands/send-referral/send-referral.controller';
import { SendReferralHandler } from './commands/send-referral/send-referral.handler';
import { RevokeReferralController } from './commands/revoke-referral/revoke-referral.controller';
import { RevokeReferralHandler } from './commands/revoke-referral/revoke-referral.handler';
import { MarkEnteredInErrorController } from './commands/mark-entered-in-error/mark-entered-in-error.controller';
import { MarkEnteredInErrorHandler } from './commands/mark-entered-in-error/mark-entered-in-error.handler';
import { AcknowledgeReferralController } from './commands/acknowledge-referral/acknowledge-referral.controller';
import { AcknowledgeReferralHandler } from './commands/acknowledge-referral/acknowledge-referral.handler';
import { AcceptReferralController } from './commands/accept-referral/accept-referral.controller';
import { AcceptReferralHandler } from './commands/accept-referral/accept-referral.handler';
import { DeclineReferralController } from './commands/decline-referral/decline-referral.controller';
import { DeclineReferralHandler } from './commands/decline-referral/decline-referral.handler';
import { ReportFollowUpController } from './commands/report-follow-up/report-follow-up.controller';
import { ReportFollowUpHandler } from './commands/report-follow-up/report-follow-up.handler';
import { CloseReferralController } from './commands/close-referral/close-referral.controller';
import { CloseReferralHandler } from './commands/close-referral/close-referral.handler';
import { RequestTransferController } from './commands/request-transfer/request-transfer.controller';
import { RequestTransferHandler } from './commands/request-transfer/request-transfer.handler';
import { AcceptTransferController } from './commands/accept-transfer/accept-transfer.controller';
import { AcceptTransferHandler } from './commands/accept-transfer/accept-transfer.handler';
import { DeclineTransferController } from './commands/decline-transfer/decline-transfer.controller';
import { DeclineTransferHandler } from './commands/decline-transfer/decline-transfer.handler';
import { AcknowledgeConsentWithdrawalController } from './commands/acknowledge-consent-withdrawal/acknowledge-consent-withdrawal.controller';
import { AcknowledgeConsentWithdrawalHandler } from './commands/acknowledge-consent-withdrawal/acknowledge-consent-withdrawal.handler';

/**
 * The referral lifecycle's use cases (`referral-<referralId>`): the commands of the sending, receiving and
 * transferee institutions, the system's consent-withdrawal notice, and the queries (a referral for its sides
 * or the Secretariat's status view; the recipient's disclosed view). Handlers need the kit's ports (event
 * store, clock, audit) and the PersonalDataProtector (`personalData: true`).
 */
@Module({
  controllers: [
    DraftReferralController,
    UpdateDraftController,
    SendReferralController,
    RevokeReferralController,
    MarkEnteredInErrorController,
    AcknowledgeReferralController,
    AcceptReferralController,
    DeclineReferralController,
    ReportFollowUpController,
    CloseReferralController,
    RequestTransferController,
    AcceptTransferController,
    DeclineTransferController,
    AcknowledgeConsentWithdrawalController,
    GetReferralController,
    GetDisclosedViewController,
  ],
  providers: [
    commandDepsProvider,
    DraftReferralHandler,
    UpdateDraftHandler,
    SendReferralHandler,
    RevokeReferralHandler,
    MarkEnteredInErrorHandler,
    AcknowledgeReferralHandler,
    AcceptReferralHandler,
    DeclineReferralHandler,
    ReportFollowUpHandler,
    CloseReferralHandler,
    RequestTransferHandler,
    AcceptTransferHandler,
    DeclineTransferHandler,
    AcknowledgeConsentWithdrawalHandler,
    NotifyConsentWithdrawalHandler,
    GetReferralHandler,
    GetDisclosedViewHandler,
  ],
})
export class ReferralLifecycleModule {}
