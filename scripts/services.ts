/**
 * The services that `npm start` launches, in start order. Each runs as its own child process on its own port,
 * against the one PostgreSQL of the launcher (DATABASE_URL). A service's schema is its own business: it creates
 * and uses it on that database. Adding a service is adding one entry here, nothing else in the launcher, the
 * build (`npm run build` compiles every `services/<name>/src`) or the npm-start end-to-end test.
 */
export interface ServiceEntry {
  /** Short name, also the prefix of the service's output lines (`[plan] ...`). */
  name: string;
  title: { es: string; en: string };
  /**
   * The service's main file relative to the repository root, without extension: run as `<entry>.ts` through
   * ts-node from the sources, or as `dist/<entry>.js` from the build (`npm run start:dist`).
   */
  entry: string;
  /** Environment variable the service reads its HTTP port from. */
  portVariable: string;
  /** Port used when that variable is unset and the port is free (otherwise a free port). */
  defaultPort: number;
  /** GET path answering 200 once the service is ready. */
  readyPath: string;
  /** Further addresses printed after start-up, relative to the service's URL. */
  links?: Array<{ label: string; path: string }>;
  /**
   * Where the development issuer's demo logins are served, if this service serves them with this environment
   * (`POST <url><path>` with `{"username","password"}`).
   */
  demoLoginPath?: (env: NodeJS.ProcessEnv) => string | undefined;
  /** Extra environment of the service, given the URLs of the services started before it (by name). */
  env?: (started: { urls: Record<string, string> }) => Record<string, string>;
}

export const SERVICES: ServiceEntry[] = [
  {
    name: 'identity',
    title: { es: 'Identidad (emisor OIDC de desarrollo)', en: 'Identity (development OIDC issuer)' },
    entry: 'services/identity/src/main',
    portVariable: 'IDENTITY_PORT',
    defaultPort: 3000,
    readyPath: '/health/ready',
    links: [
      { label: 'OIDC', path: '/.well-known/openid-configuration' },
      { label: 'JWKS', path: '/.well-known/jwks.json' },
    ],
    demoLoginPath: () => '/auth/login',
  },
  {
    name: 'plan',
    title: { es: 'Servicio del plan', en: 'Plan service' },
    entry: 'services/plan/src/main',
    portVariable: 'PLAN_PORT',
    defaultPort: 3001,
    readyPath: '/health/ready',
    links: [
      { label: 'API', path: '/plan/catalogue' },
      { label: 'OpenAPI', path: '/docs' },
      { label: 'Metrics', path: '/metrics' },
    ],
    // development mode is OIDC against the identity service started just before
    env: ({ urls }) => ({ IDENTITY_URL: urls.identity }),
  },
  {
    name: 'referrals',
    title: { es: 'Servicio de referencias de casos', en: 'Case referrals service' },
    entry: 'services/referrals/src/main',
    portVariable: 'REFERRALS_PORT',
    defaultPort: 3002,
    readyPath: '/health/ready',
    links: [
      { label: 'API', path: '/referrals/institutions' },
      { label: 'OpenAPI', path: '/docs' },
      { label: 'Metrics', path: '/metrics' },
    ],
    env: ({ urls }) => ({ IDENTITY_URL: urls.identity }),
  },
];

/** A few of the demo accounts (every member country has `<cc>.<role>`); their password is DEV_ISSUER_PASSWORD. */
export const DEMO_LOGIN_EXAMPLES = [
  'hn.reporting_officer',
  'st.coordinator',
  'unicef.observer',
  'platform.admin',
];
