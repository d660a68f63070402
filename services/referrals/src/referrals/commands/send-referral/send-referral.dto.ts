import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, ValidateNested } from 'class-validator';
import { OVERRIDE_REASONS, type OverrideReason } from '../../domain';
import { NoteBody } from '../../referral-note-dto';

/** An override: its reason code and, optionally (required with `other`), its detail in words (encrypted). */
export class OverrideDto extends NoteBody {
  @ApiProperty({ enum: Object.keys(OVERRIDE_REASONS), example: 'imminent_risk' })
  @IsIn(Object.keys(OVERRIDE_REASONS))
  reason!: OverrideReason;
}

/** Body of POST /referrals/referrals/:referralId/send: empty, or an override (protection supervisor only). */
export class SendReferralBody {
  @ApiPropertyOptional({
    type: OverrideDto,
    description:
      'Enviar sin consentimiento suficiente (solo supervisión de protección) / send without enough consent (protection supervisor only)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => OverrideDto)
  override?: OverrideDto;
}
