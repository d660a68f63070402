import { Inject, Module, type DynamicModule, type OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import type { AuditSink } from '@crm/auth';
import { PersonalDataProtector, PostgresKeyStore, type KekRing } from '@crm/pii';
import type { Platform } from '@crm/platform';

/** `@Inject(PERSONAL_DATA) protector: PersonalDataProtector` in a service that declares `personalData: true`. */
export const PERSONAL_DATA = Symbol('crm.PersonalDataProtector');
const KEY_STORE = Symbol('crm.PersonalDataKeyStore');

/**
 * The personal-data protection of a service that stores children's data: the per-child key store (schema
 * `pii`, apart from events and read models), the key-encryption-key ring read at start (PII_KEK /
 * PII_KEK_FILE, or a development key generated into `<CRM_DATA_DIR>/pii/kek`), and the access log (the
 * platform's event store). The key store's pool closes with the application.
 */
@Module({})
export class PersonalDataModule implements OnModuleDestroy {
  constructor(@Inject(KEY_STORE) private readonly keys: PostgresKeyStore) {}

  static forRoot(options: { platform: Platform; kek: KekRing; audit: AuditSink }): DynamicModule {
    return {
      module: PersonalDataModule,
      global: true,
      providers: [
        {
          provide: KEY_STORE,
          useFactory: async () => {
            const pool = new Pool({ connectionString: options.platform.database.url, max: 3 });
            const keys = new PostgresKeyStore(pool, { ownsPool: true });
            await keys.migrate();
            return keys;
          },
        },
        {
          provide: PERSONAL_DATA,
          inject: [KEY_STORE],
          useFactory: (keys: PostgresKeyStore) =>
            new PersonalDataProtector({
              keys,
              kek: options.kek,
              accessLog: options.platform.store,
              audit: options.audit,
              clock: options.platform.clock,
            }),
        },
      ],
      exports: [PERSONAL_DATA],
    };
  }

  async onModuleDestroy(): Promise<void> {
    await this.keys.close();
  }
}
