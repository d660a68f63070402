import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt } from 'class-validator';
import { MEMBER_COUNTRIES } from '@crm/kernel';

/** Path of the deadline-policy routes: /referrals/deadline-policies/:from/:to (member countries, 400 otherwise). */
export class CountryPairParams {
  @ApiProperty({ enum: MEMBER_COUNTRIES, example: 'HN', description: 'País remitente / sending country' })
  @IsIn(MEMBER_COUNTRIES)
  from!: (typeof MEMBER_COUNTRIES)[number];

  @ApiProperty({ enum: MEMBER_COUNTRIES, example: 'GT', description: 'País receptor / receiving country' })
  @IsIn(MEMBER_COUNTRIES)
  to!: (typeof MEMBER_COUNTRIES)[number];
}

/**
 * The three deadlines, whole hours (400 when not a whole number). Their bounds (1 to 720) and that deciding is
 * not due before acknowledging are the domain's rules (422, with the field and the bound in es/en).
 */
export class ConfigureDeadlinesBody {
  @ApiProperty({
    example: 48,
    minimum: 1,
    maximum: 720,
    description: 'Horas para acusar recibo / hours to acknowledge receipt',
  })
  @IsInt()
  acknowledgeWithinHours!: number;

  @ApiProperty({
    example: 168,
    minimum: 1,
    maximum: 720,
    description: 'Horas para decidir (aceptar o rechazar) / hours to decide (accept or decline)',
  })
  @IsInt()
  decideWithinHours!: number;

  @ApiProperty({
    example: 48,
    minimum: 1,
    maximum: 720,
    description: 'Horas para acusar un retiro del consentimiento / hours to acknowledge a consent withdrawal',
  })
  @IsInt()
  withdrawalAcknowledgeWithinHours!: number;
}
