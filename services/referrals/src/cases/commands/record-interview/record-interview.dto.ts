import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { INSTITUTION_ID_PATTERN } from '../../../directory/domain';
import { ENTRY_ID_PATTERN, INTERVIEW_PURPOSES } from '../../domain';

/** Body of POST /referrals/cases/:caseId/interviews. */
export class RecordInterviewBody {
  @ApiPropertyOptional({ example: 'interview-1' })
  @IsOptional()
  @Matches(ENTRY_ID_PATTERN)
  interviewId?: string;

  @ApiProperty({ example: 'MX-PROTECCION' })
  @Matches(INSTITUTION_ID_PATTERN)
  institutionId!: string;

  @ApiProperty({ example: '2020-07-02' })
  @IsString()
  conductedOn!: string;

  @ApiProperty({ enum: Object.keys(INTERVIEW_PURPOSES), example: 'registration' })
  @IsString()
  purpose!: string;
}
