import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { FOLLOW_UP_SERVICES, type FollowUpService } from '../../../shared/vocabulary';

/** `?purpose=<service>`: what the view is for; one of the referral's requested services (422 otherwise). */
export class DisclosedViewQueryString {
  @ApiProperty({ enum: Object.keys(FOLLOW_UP_SERVICES), example: 'psychosocial' })
  @IsIn(Object.keys(FOLLOW_UP_SERVICES))
  purpose!: FollowUpService;
}
