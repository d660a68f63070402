import { ConfigurationError, loadPlatformConfig } from './platform-config';

describe('platform configuration', () => {
  it('defaults to the embedded, single-machine setup', () => {
    expect(loadPlatformConfig({})).toEqual({
      databaseUrl: undefined,
      dataDir: '.data',
      embeddedPostgresPort: undefined,
      eventStore: 'postgres',
      eventStoreConnectionString: undefined,
      bus: 'postgres',
      kafkaBrokers: [],
    });
  });

  it('reads the production settings', () => {
    const c = loadPlatformConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/crm',
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://es:2113?tls=false',
      BUS: 'kafka',
      KAFKA_BROKERS: 'k1:9092, k2:9092',
    });
    expect(c.kafkaBrokers).toEqual(['k1:9092', 'k2:9092']);
    expect(c.eventStore).toBe('eventstoredb');
  });

  it.each([
    [{ BUS: 'rabbit' }, 'BUS'],
    [{ BUS: 'kafka' }, 'KAFKA_BROKERS'],
    [{ EVENT_STORE: 'eventstoredb' }, 'EVENTSTORE_CONNECTION_STRING'],
    [{ EMBEDDED_PG_PORT: 'abc' }, 'EMBEDDED_PG_PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
  ])('refuses %j with an es/en message naming %s', (env, variable) => {
    let error: unknown;
    try {
      loadPlatformConfig(env as NodeJS.ProcessEnv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const e = error as ConfigurationError;
    expect(e.details.variable).toBe(variable);
    expect(e.text.es).toContain(variable);
    expect(e.text.en).toContain(variable);
  });
});
