import type { ServiceEntry } from '@crm/scripts';

/** The registry entry of tests/e2e/support/flaky-service.ts (FLAKY_MODE says how it behaves). */
export const FLAKY_SERVICE: ServiceEntry = {
  name: 'flaky',
  title: { es: 'Servicio de prueba', en: 'Test service' },
  entry: 'tests/e2e/support/flaky-service',
  portVariable: 'FLAKY_PORT',
  defaultPort: 1, // never used: the tests set FLAKY_PORT
  readyPath: '/health',
};
