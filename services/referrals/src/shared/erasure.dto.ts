import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';

/**
 * Body of an erasure (a child's identifying data, a focal point's contact): its reason, checked by the
 * protector (3 to 500 characters, else 400 `pii.validation.reason_required`) and recorded with the erasure.
 */
export class ErasureBody {
  @ApiProperty({
    example: 'Solicitud de supresión SUP-MX-2020-07 (art. 17)',
    description:
      'Referencia y fundamento, sin datos personales / reference and legal ground, no personal data',
  })
  @IsString()
  reason!: string;
}
