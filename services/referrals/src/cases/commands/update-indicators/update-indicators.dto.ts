import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { INDICATORS_DOC } from '../../dto';

/** Body of PUT /referrals/cases/:caseId/indicators: the complete, corrected set. */
export class UpdateIndicatorsBody {
  @ApiProperty({ type: Object, description: INDICATORS_DOC })
  @IsObject()
  indicators!: Record<string, unknown>;
}
