import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, Matches, ValidateNested } from 'class-validator';
import { TRANSFER_REASONS, type TransferReason } from '../../domain';
import { InstitutionRefDto } from '../../referral-dto';
import { NoteBody } from '../../referral-note-dto';

/** Body of POST /referrals/referrals/:referralId/transfers (`note` required with the reason `other`). */
export class RequestTransferBody extends NoteBody {
  @ApiProperty({
    example: 'transfer-1',
    description: 'Elegido por la institución receptora / chosen by the receiver',
  })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/)
  transferId!: string;

  @ApiProperty({
    type: InstitutionRefDto,
    description: 'Institución de un tercer país / institution of a third country',
  })
  @ValidateNested()
  @Type(() => InstitutionRefDto)
  to!: InstitutionRefDto;

  @ApiProperty({ enum: Object.keys(TRANSFER_REASONS), example: 'child_moved' })
  @IsIn(Object.keys(TRANSFER_REASONS))
  reason!: TransferReason;
}
