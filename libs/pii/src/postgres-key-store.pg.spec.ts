import { Pool } from 'pg';
import { createTestDatabase } from '@crm/testing';
import { PostgresKeyStore } from './postgres-key-store';
import { describeKeyStoreContract } from './testing/key-store-contract';

let db: { url: string; drop(): Promise<void> };
let pool: Pool;

beforeAll(async () => {
  db = await createTestDatabase('pii_keys');
  pool = new Pool({ connectionString: db.url, max: 4 });
  await new PostgresKeyStore(pool).migrate();
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describeKeyStoreContract('postgres', async () => {
  await pool.query('TRUNCATE pii.data_keys');
  return new PostgresKeyStore(pool);
});
