import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { DEACTIVATION_REASONS } from '../../domain';

/** Body of POST /referrals/institutions/:id/deactivate. */
export class DeactivateInstitutionBody {
  @ApiProperty({ enum: Object.keys(DEACTIVATION_REASONS), example: 'temporarily_unavailable' })
  @IsString()
  reason!: string;
}
