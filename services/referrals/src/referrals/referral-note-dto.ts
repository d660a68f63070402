import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { NOTE_MAX_LENGTH } from './referral-note';

/**
 * The optional note of a referral command's body: free text about the child, encrypted by the handler under
 * the child's key before any event stores it (never kept in clear, never logged).
 */
export class NoteBody {
  @ApiPropertyOptional({
    maxLength: NOTE_MAX_LENGTH,
    description:
      'Texto libre; se guarda cifrado con la clave de la niña, niño o adolescente / free text; stored encrypted under the child’s key',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(NOTE_MAX_LENGTH)
  note?: string;
}
