import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CLOSE_OUTCOMES, type CloseOutcome } from '../../domain';

/** Body of POST /referrals/referrals/:referralId/close. */
export class CloseReferralBody {
  @ApiProperty({ enum: Object.keys(CLOSE_OUTCOMES), example: 'reunified' })
  @IsIn(Object.keys(CLOSE_OUTCOMES))
  outcome!: CloseOutcome;
}
