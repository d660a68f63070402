import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Public, type DevIssuer, type LoginResult } from '@crm/auth';
import { NotFoundError } from '@crm/kernel';
import { ApiBilingual, LoginRateLimit } from '@crm/service-kit';
import { DEV_ISSUER } from './tokens';

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

/** 404: the service runs with an external OIDC provider; tokens come from it. */
export class DevIssuerDisabledError extends NotFoundError {
  constructor() {
    super('auth.dev_issuer_disabled', {
      es: 'El emisor de desarrollo está desactivado (AUTH_MODE=oidc): obtenga el token de su proveedor OIDC.',
      en: 'The development issuer is disabled (AUTH_MODE=oidc): get the token from your OIDC provider.',
    });
  }
}

/** The embedded default's login (demo accounts) and the public keys that verify its tokens. */
@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(@Inject(DEV_ISSUER) private readonly issuer: DevIssuer | null) {}

  @Public()
  @LoginRateLimit()
  @Post('auth/login')
  @HttpCode(200)
  @ApiBilingual({
    es: 'Iniciar sesión con una cuenta de demostración (solo desarrollo)',
    en: 'Sign in with a demo account (development only)',
    detail: {
      es: 'Devuelve un token Bearer para una cuenta de demostración (p. ej. hn.reporting_officer, st.coordinator; contraseña por defecto "demo"). Solo con AUTH_MODE=dev.',
      en: 'Returns a Bearer token for a demo account (e.g. hn.reporting_officer, st.coordinator; default password "demo"). Only with AUTH_MODE=dev.',
    },
  })
  @ApiResponse({ status: 401, description: 'Usuario o contraseña incorrectos / wrong username or password' })
  @ApiResponse({
    status: 429,
    description:
      'Demasiados intentos desde esta dirección (LOGIN_RATE_LIMIT_PER_MINUTE) / too many attempts from this address',
  })
  login(@Body() body: LoginBody): Promise<LoginResult> {
    if (!this.issuer) throw new DevIssuerDisabledError();
    return this.issuer.login(body.username, body.password);
  }

  @Public()
  @Get('.well-known/jwks.json')
  @ApiBilingual({
    es: 'Claves públicas del emisor de desarrollo (JWKS)',
    en: "The development issuer's public keys (JWKS)",
  })
  jwks(): { keys: unknown[] } {
    if (!this.issuer) throw new DevIssuerDisabledError();
    return this.issuer.jwks();
  }
}
