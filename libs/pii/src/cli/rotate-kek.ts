/**
 * KEK rotation (see docs/security.md): with the NEW key in PII_KEK / PII_KEK_FILE and the old one(s) in
 * PII_KEK_PREVIOUS, re-wraps every data key, then purges dead row versions of the key table:
 *   npm run pii:rotate-kek
 * Uses DATABASE_URL, or the embedded PostgreSQL under CRM_DATA_DIR like the services.
 */
import { Pool } from 'pg';
import { loadPlatformConfig, openDatabase } from '@crm/config';
import { loadKekRing } from '../kek-config';
import { PostgresKeyStore } from '../postgres-key-store';
import { rotateKek } from '../rotation';

async function main(): Promise<void> {
  const { ring } = loadKekRing();
  const db = await openDatabase(loadPlatformConfig());
  const pool = new Pool({ connectionString: db.url, max: 2 });
  try {
    const keys = new PostgresKeyStore(pool);
    await keys.migrate();
    const { rewrapped } = await rotateKek(keys, ring);
    await keys.purgeDeadKeyMaterial();
    const left = await keys.listNotWrappedBy(ring.current.kekId, 1);
    process.stdout.write(
      `re-wrapped ${rewrapped} data keys under ${ring.current.kekId}; keys under other KEKs left: ${left.length}\n`,
    );
    if (left.length > 0) process.exitCode = 1;
  } finally {
    await pool.end();
    await db.stop();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
