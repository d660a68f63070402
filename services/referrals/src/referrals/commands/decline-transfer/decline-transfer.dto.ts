import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DECLINE_REASONS, type DeclineReason } from '../../domain';
import { NoteBody } from '../../referral-note-dto';

/** Body of POST .../transfers/:transferId/decline (`note` required with the reason `other`). */
export class DeclineTransferBody extends NoteBody {
  @ApiProperty({ enum: Object.keys(DECLINE_REASONS), example: 'no_capacity' })
  @IsIn(Object.keys(DECLINE_REASONS))
  reason!: DeclineReason;
}
