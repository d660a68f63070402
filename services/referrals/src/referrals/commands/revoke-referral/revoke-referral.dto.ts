import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { REVOKE_REASONS, type RevokeReason } from '../../domain';
import { NoteBody } from '../../referral-note-dto';

/** Body of the route (`note` required with the reason `other`). */
export class RevokeReferralBody extends NoteBody {
  @ApiProperty({ enum: Object.keys(REVOKE_REASONS), example: 'family_reunified' })
  @IsIn(Object.keys(REVOKE_REASONS))
  reason!: RevokeReason;
}
