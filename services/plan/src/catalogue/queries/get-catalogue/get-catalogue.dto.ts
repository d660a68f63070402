import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { PlanQueryString } from '../../../shared/dto';

/** `GET /plan/catalogue?plan=&version=&asOf=` (any other parameter: 400). */
export class CatalogueQueryString extends PlanQueryString {
  @ApiPropertyOptional({
    example: 1,
    description: 'Versión del catálogo (por defecto la actual) / catalogue version (default: current)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({
    example: '2020-06-30T23:59:59Z',
    description:
      'Instante ISO 8601 con zona horaria: el catálogo tal como estaba entonces (excluye version) / ISO 8601 instant with a time zone: the catalogue as it stood then (excludes version)',
  })
  @IsOptional()
  @IsString()
  asOf?: string;
}
