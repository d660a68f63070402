import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, Matches, ValidateNested } from 'class-validator';
import { INSTITUTION_ID_PATTERN } from '../../../directory/domain';
import { CASE_ID_PATTERN } from '../../domain';
import { ChildIdentifyingDto, INDICATORS_DOC } from '../../dto';

/** Body of POST /referrals/cases. */
export class RegisterCaseBody {
  @ApiPropertyOptional({
    example: 'MX-3f0c8a1e-5b2d-4c6f-9a7e-1d2b3c4d5e6f',
    description:
      'Opcional: si falta se deriva de Idempotency-Key (o es aleatorio) / optional: derived from Idempotency-Key when absent (else random)',
  })
  @IsOptional()
  @Matches(CASE_ID_PATTERN)
  caseId?: string;

  @ApiProperty({
    example: 'MX-PROTECCION',
    description: 'Institución que atiende el caso / handling institution',
  })
  @Matches(INSTITUTION_ID_PATTERN)
  institutionId!: string;

  @ApiProperty({ type: Object, description: INDICATORS_DOC })
  @IsObject()
  indicators!: Record<string, unknown>;

  @ApiPropertyOptional({
    type: ChildIdentifyingDto,
    description:
      'En claro solo hasta el manejador, que lo cifra con la clave propia de la niña o el niño / in clear only as far as the handler, which encrypts it under the child’s own key',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ChildIdentifyingDto)
  identifying?: ChildIdentifyingDto;
}
