import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { JWKS_PATH, Public, type DevIssuer } from '@crm/auth';
import { ApiBilingual, NoQueryString } from '@crm/service-kit';
import { DISCOVERY_PATH, discoveryDocument } from '../discovery';
import { DEV_ISSUER } from '../tokens';

/** What every service's verifier reads: the issuer's metadata and its public keys. */
@ApiTags('discovery')
@Controller()
export class DiscoveryController {
  constructor(@Inject(DEV_ISSUER) private readonly issuer: DevIssuer) {}

  @Public()
  @Get(DISCOVERY_PATH.slice(1))
  @ApiBilingual({
    es: 'Metadatos OpenID del emisor de desarrollo',
    en: "The development issuer's OpenID metadata",
    detail: {
      es: 'Emisor (`iss` de los tokens), URL de las claves públicas (JWKS), inicio de sesión, algoritmo ES256 y los claims de la plataforma.',
      en: "Issuer (the tokens' `iss`), public keys URL (JWKS), login, the ES256 algorithm and the platform's claims.",
    },
  })
  discovery(@Query() _query: NoQueryString): ReturnType<typeof discoveryDocument> {
    return discoveryDocument(this.issuer.issuer);
  }

  @Public()
  @Get(JWKS_PATH.slice(1))
  @ApiBilingual({
    es: 'Claves públicas del emisor de desarrollo (JWKS)',
    en: "The development issuer's public keys (JWKS)",
  })
  jwks(@Query() _query: NoQueryString): { keys: unknown[] } {
    return this.issuer.jwks();
  }
}
