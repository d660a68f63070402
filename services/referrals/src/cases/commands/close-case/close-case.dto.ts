import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { CASE_CLOSURE_OUTCOMES } from '../../domain';

/** Body of POST /referrals/cases/:caseId/close. */
export class CloseCaseBody {
  @ApiProperty({ enum: Object.keys(CASE_CLOSURE_OUTCOMES), example: 'family_reunification' })
  @IsString()
  outcome!: string;
}
