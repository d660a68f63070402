import { Module, type DynamicModule } from '@nestjs/common';
import { DevIssuer, type DevIssuerConfig } from '@crm/auth';
import { DiscoveryController } from './http/discovery.controller';
import { LoginController } from './http/login.controller';
import { DEV_ISSUER } from './tokens';

/**
 * The development issuer of the platform: one ES256 key in `config.dir` (created on the first start, reused
 * afterwards), its discovery document, its JWKS and the demo accounts' login. `issuer` is read at each
 * signature: IDENTITY_ISSUER_URL, else the service's own URL (known once it listens).
 */
@Module({})
export class IdentityModule {
  static forRoot(config: DevIssuerConfig, serviceUrl: () => string): DynamicModule {
    return {
      module: IdentityModule,
      controllers: [DiscoveryController, LoginController],
      providers: [
        {
          provide: DEV_ISSUER,
          useFactory: () =>
            DevIssuer.open({
              dir: config.dir,
              issuer: config.issuer ?? serviceUrl,
              audience: config.audience,
              password: config.password,
              tokenTtlSeconds: config.tokenTtlSeconds,
            }),
        },
      ],
      exports: [DEV_ISSUER],
    };
  }
}
