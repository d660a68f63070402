import { kafkaGlobalTeardown } from './kafka-global-setup';
import { pgGlobalTeardown } from './pg-global-setup';

export default async function teardown(): Promise<void> {
  await kafkaGlobalTeardown();
  await pgGlobalTeardown();
}
