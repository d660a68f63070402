import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Public, type DevIssuer, type LoginResult } from '@crm/auth';
import { ApiBilingual, LoginRateLimit, NoQueryString } from '@crm/service-kit';
import { DEV_ISSUER } from '../tokens';

export class LoginBody {
  @ApiProperty({ example: 'hn.reporting_officer' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  username!: string;

  @ApiProperty({ example: 'demo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}

/** The demo accounts' login (development only). */
@ApiTags('auth')
@Controller('auth')
export class LoginController {
  constructor(@Inject(DEV_ISSUER) private readonly issuer: DevIssuer) {}

  @Public()
  @LoginRateLimit()
  @Post('login')
  @HttpCode(200)
  @ApiBilingual({
    es: 'Iniciar sesión con una cuenta de demostración (solo desarrollo)',
    en: 'Sign in with a demo account (development only)',
    detail: {
      es: 'Devuelve un token Bearer para una cuenta de demostración (p. ej. hn.reporting_officer, st.coordinator; contraseña por defecto "demo", DEV_ISSUER_PASSWORD). Todos los servicios lo aceptan.',
      en: 'Returns a Bearer token for a demo account (e.g. hn.reporting_officer, st.coordinator; default password "demo", DEV_ISSUER_PASSWORD). Every service accepts it.',
    },
  })
  @ApiResponse({ status: 400, description: 'Falta usuario o contraseña / username or password missing' })
  @ApiResponse({ status: 401, description: 'Usuario o contraseña incorrectos / wrong username or password' })
  @ApiResponse({
    status: 429,
    description:
      'Demasiados intentos desde esta dirección (LOGIN_RATE_LIMIT_PER_MINUTE) / too many attempts from this address',
  })
  login(@Body() body: LoginBody): Promise<LoginResult> {
    return this.issuer.login(body.username, body.password);
  }

  @Public()
  @Get('accounts')
  @ApiBilingual({
    es: 'Nombres de las cuentas de demostración (solo desarrollo)',
    en: 'Usernames of the demo accounts (development only)',
  })
  accounts(@Query() _query: NoQueryString): { usernames: string[] } {
    return { usernames: this.issuer.demoAccounts().map((a) => a.username) };
  }
}
