import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

/**
 * `?purpose=`: why the contacts are needed (3 to 500 characters, no personal data), recorded in the access log.
 * Checked by the protector (missing or too short: 400 `pii.validation.purpose_required`).
 */
export class PurposeQueryString {
  @ApiProperty({
    example: 'Enviar la referencia de un caso a la institución',
    description: 'Finalidad del acceso / purpose of the access',
  })
  @IsOptional()
  @IsString()
  purpose?: string;
}
