import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { FOCAL_POINT_ID_PATTERN, INSTITUTION_ID_PATTERN } from '../../domain';

/** Path of POST /referrals/institutions/:id/focal-points/:focalPointId/erasure. */
export class FocalPointParams {
  @ApiProperty({ example: 'MX-PROTECCION' })
  @Matches(INSTITUTION_ID_PATTERN)
  id!: string;

  @ApiProperty({ example: 'fp-mx-001' })
  @Matches(FOCAL_POINT_ID_PATTERN)
  focalPointId!: string;
}
