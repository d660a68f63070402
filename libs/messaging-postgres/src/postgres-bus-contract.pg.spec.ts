import { createTestDatabase } from '@crm/testing';
import { describeBusContract } from '@crm/messaging/testing';
import { PostgresBus } from './postgres-bus';

let db: { url: string; drop(): Promise<void> } | undefined;

beforeAll(async () => {
  db = await createTestDatabase('pgbus_contract');
});
afterAll(async () => {
  await db?.drop();
});

describeBusContract({
  name: 'postgres',
  timeoutMs: 30_000,
  create: () =>
    PostgresBus.connect({
      url: db!.url,
      pollIntervalMs: 50,
      rebalanceIntervalMs: 100,
      retryBackoff: { initialMs: 5, maxMs: 50 },
      log: () => undefined,
    }),
});
