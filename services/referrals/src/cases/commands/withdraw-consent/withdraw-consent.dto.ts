import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { WITHDRAWAL_REASONS } from '../../domain';

/** Body of POST /referrals/cases/:caseId/consents/:consentId/withdraw. */
export class WithdrawConsentBody {
  @ApiPropertyOptional({ enum: Object.keys(WITHDRAWAL_REASONS), example: 'child_request' })
  @IsOptional()
  @IsString()
  reason?: string;
}
