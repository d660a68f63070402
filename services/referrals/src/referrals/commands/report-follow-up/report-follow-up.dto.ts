import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, Matches } from 'class-validator';
import { FOLLOW_UP_SERVICES, type FollowUpService } from '../../../shared/vocabulary';
import { FOLLOW_UP_STATUSES, type FollowUpStatus } from '../../domain';
import { NoteBody } from '../../referral-note-dto';

const SERVICES = Object.keys(FOLLOW_UP_SERVICES);

/** Body of POST /referrals/referrals/:referralId/follow-ups. */
export class ReportFollowUpBody extends NoteBody {
  @ApiProperty({ example: 'follow-up-1', description: 'Elegido por quien informa / chosen by the reporter' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/)
  followUpId!: string;

  @ApiProperty({ enum: SERVICES, isArray: true, example: ['psychosocial'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SERVICES.length)
  @IsIn(SERVICES, { each: true })
  services!: FollowUpService[];

  @ApiProperty({ enum: Object.keys(FOLLOW_UP_STATUSES), example: 'provided' })
  @IsIn(Object.keys(FOLLOW_UP_STATUSES))
  status!: FollowUpStatus;
}
