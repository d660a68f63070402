/**
 * Prints a development token for a demo account:
 *   npm run token -- hn.reporting_officer
 * Uses the same key folder as the services (DEV_ISSUER_DIR, default <CRM_DATA_DIR>/dev-issuer). Development only.
 */
import { loadAuthConfig } from '../auth-config';
import { DevIssuer } from '../dev-issuer';

async function main(): Promise<void> {
  const username = process.argv[2];
  const config = loadAuthConfig();
  if (config.mode !== 'dev')
    throw new Error('AUTH_MODE=oidc: tokens come from the OIDC provider, not from this script');
  const issuer = await DevIssuer.open({
    dir: config.devIssuerDir,
    issuer: config.issuer,
    audience: config.audience,
    tokenTtlSeconds: config.tokenTtlSeconds,
  });
  if (!username) {
    process.stderr.write(
      `usage: mint-token <username>\naccounts:\n${issuer
        .demoAccounts()
        .map((a) => `  ${a.username}`)
        .join('\n')}\n`,
    );
    process.exit(2);
  }
  process.stdout.write(`${await issuer.mint(username)}\n`);
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
