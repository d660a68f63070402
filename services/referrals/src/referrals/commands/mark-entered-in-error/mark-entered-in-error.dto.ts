import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ENTERED_IN_ERROR_REASONS, type EnteredInErrorReason } from '../../domain';
import { NoteBody } from '../../referral-note-dto';

/** Body of the route (`note` required with the reason `other`). */
export class MarkEnteredInErrorBody extends NoteBody {
  @ApiProperty({ enum: Object.keys(ENTERED_IN_ERROR_REASONS), example: 'wrong_case' })
  @IsIn(Object.keys(ENTERED_IN_ERROR_REASONS))
  reason!: EnteredInErrorReason;
}
