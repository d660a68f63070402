import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';
import { PLAN_ID_PATTERN } from '../../../shared/dto';

/** `GET /plan/catalogue?plan=&version=&asOf=` (any other parameter: 400). */
export class CatalogueQueryString {
  @ApiPropertyOptional({
    example: '2023-2027',
    description:
      'Plan (por defecto el importado al arrancar, 2017-2022) / plan (default: the one imported at start, 2017-2022)',
  })
  @IsOptional()
  @Matches(PLAN_ID_PATTERN)
  plan?: string;

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
