/**
 * Prints a development token for a demo account:
 *   npm run token -- hn.reporting_officer
 * Signs with the identity service's key on disk (DEV_ISSUER_DIR, default <CRM_DATA_DIR>/dev-issuer; created if
 * the identity service never ran), with the issuer and audience the services verify (IDENTITY_ISSUER_URL or
 * IDENTITY_URL, default http://127.0.0.1:3000; OIDC_ISSUER / OIDC_AUDIENCE when set): the same token as
 * `POST /auth/login` of the identity service, without it having to run. Development only (refused with
 * NODE_ENV=production or AUTH_MODE=oidc).
 */
import { bilingualLine } from '@crm/kernel';
import { loadAuthConfig, loadDevIssuerConfig } from '../auth-config';
import { DevIssuer } from '../dev-issuer';

async function main(): Promise<void> {
  const username = process.argv[2];
  const auth = loadAuthConfig();
  if (auth.mode !== 'dev')
    throw new Error(
      'AUTH_MODE=oidc: los tokens los emite el proveedor OIDC, no este script / tokens come from the OIDC provider, not from this script',
    );
  const config = loadDevIssuerConfig();
  const issuer = await DevIssuer.open({
    dir: config.dir,
    issuer: auth.issuer,
    audience: auth.audience,
    tokenTtlSeconds: config.tokenTtlSeconds,
  });
  if (!username) {
    process.stderr.write(
      `uso / usage: npm run token -- <usuario / username>\ncuentas / accounts:\n${issuer
        .demoAccounts()
        .map((a) => `  ${a.username}`)
        .join('\n')}\n`,
    );
    process.exit(2);
  }
  process.stdout.write(`${await issuer.mint(username)}\n`);
}

main().catch((e: Error & { text?: { es: string; en: string } }) => {
  process.stderr.write(`${bilingualLine(e) ?? e.message}\n`);
  process.exit(1);
});
