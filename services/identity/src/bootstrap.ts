import { loadDevIssuerConfig, JWKS_PATH, type DevIssuer } from '@crm/auth';
import { OPENAPI_UI_PATH, type RunningService, type ServiceDefinition } from '@crm/service-kit';
import { DISCOVERY_PATH, LOGIN_PATH } from './discovery';
import { IdentityModule } from './identity.module';
import { DEV_ISSUER } from './tokens';

/** The identity service's default port: the services' default IDENTITY_URL is http://127.0.0.1:3000. */
export const DEFAULT_IDENTITY_PORT = 3000;

/** Demo accounts named in the start-up lines (every `<cc>.<role>` exists too). */
const EXAMPLE_ACCOUNTS = [
  'hn.reporting_officer',
  'gt.reporting_officer',
  'hn.national_system',
  'st.coordinator',
  'st.analyst',
  'unicef.observer',
  'rrocm.civil_society',
  'platform.admin',
];

/** The lines printed after start-up: the login, the discovery document, the JWKS and the demo accounts. */
export function describeIdentityService(service: Pick<RunningService<null>, 'url' | 'app'>): string[] {
  const issuer = service.app.get<DevIssuer>(DEV_ISSUER);
  const names = issuer.demoAccounts().map((a) => a.username);
  return [
    `Servicio de identidad (desarrollo) / Identity service (development): ${service.url}`,
    `  Inicio de sesión / Login: POST ${service.url}${LOGIN_PATH}  {"username":"hn.reporting_officer","password":"demo"}`,
    `  OpenID:   ${service.url}${DISCOVERY_PATH}   JWKS: ${service.url}${JWKS_PATH}`,
    `  Emisor / Issuer (iss): ${issuer.issuer}   OpenAPI: ${service.url}/${OPENAPI_UI_PATH}`,
    `  Cuentas de demostración / Demo accounts (${names.length}; contraseña / password "demo" salvo / unless DEV_ISSUER_PASSWORD): ${EXAMPLE_ACCOUNTS.filter((e) => names.includes(e)).join(', ')}, ... (<cc>.<role>)`,
  ];
}

/**
 * The development OIDC issuer as its own process (development only: refused with NODE_ENV=production). Every
 * service verifies its tokens against its JWKS, exactly as against Keycloak in production. It keeps no events:
 * no event store, bus or database (`platform: false`), and no personal data of children.
 */
export const IDENTITY_SERVICE: ServiceDefinition<null> = {
  name: 'identity',
  platform: false,
  title: { es: 'Identidad (desarrollo)', en: 'Identity (development)' },
  description: {
    es: 'Emisor OIDC de desarrollo de la plataforma: documento de descubrimiento, claves públicas (JWKS) e inicio de sesión de las cuentas de demostración. No se usa en producción (allí, Keycloak).',
    en: "The platform's development OIDC issuer: discovery document, public keys (JWKS) and the demo accounts' login. Not used in production (Keycloak is).",
  },
  listener: {
    portVariable: 'IDENTITY_PORT',
    hostVariable: 'IDENTITY_HOST',
    defaultPort: DEFAULT_IDENTITY_PORT,
  },
  modules: (context) => [IdentityModule.forRoot(loadDevIssuerConfig(context.env), context.url)],
  describe: describeIdentityService,
};
