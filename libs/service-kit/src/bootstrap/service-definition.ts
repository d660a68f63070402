import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import type { LocalizedText } from '@crm/kernel';
import type { Platform } from '@crm/platform';
import type { ListenerSettings } from '../config/service-config';
import type { RunningService } from './start-service';

/** What the service's modules and hooks may use while the process starts. */
export interface ServiceContext<P extends Platform | null = Platform> {
  /** The event store, bus and database; `null` for a service defined with `platform: false`. */
  platform: P;
  /** The environment the service was started with (for the service's own variables). */
  env: NodeJS.ProcessEnv;
  /**
   * The service's base URL, e.g. `http://127.0.0.1:3000`; known once it listens (with port 0 only then), so call
   * it while serving requests, not while the modules are built.
   */
  url(): string;
  /** Start-up lines without personal data (default stdout). */
  log: (line: string) => void;
}

interface ServiceDefinitionParts<P extends Platform | null> {
  /** Short name: `plan`, `referrals`... (health answers, logs, OpenAPI). */
  name: string;
  /** OpenAPI title and description. */
  title: LocalizedText;
  description: LocalizedText;
  /** Its listener variables and default port (`PLAN_PORT`, `PLAN_HOST`, 3001). */
  listener: ListenerSettings;
  /**
   * True for a service that stores children's personal data: the kit reads its key-encryption keys at start
   * (PII_KEK / PII_KEK_FILE, or a development key generated into `<CRM_DATA_DIR>/pii/kek`) and provides the
   * PersonalDataProtector under `PERSONAL_DATA`.
   */
  personalData?: boolean;
  /**
   * Checks the service's own variables (e.g. `REFERRALS_DEADLINE_POLL_MS`) with the kit's, before anything
   * starts: throw a ConfigurationError of @crm/config whose es/en text names the variable. Its modules read them
   * from the environment under `SERVICE_ENV` (or `context.env`).
   */
  checkEnvironment?(env: NodeJS.ProcessEnv): void;
  /** The modules the service always needs (its contexts and their commands and queries). */
  modules(context: ServiceContext<P>): Array<Type<unknown> | DynamicModule>;
  /** Feature modules started by default; `features` of the start options replace them (tests leave them out). */
  features?: Array<Type<unknown> | DynamicModule>;
  /** Controllers registered at the root (most services register theirs in their modules). */
  controllers?(context: ServiceContext<P>): Array<Type<unknown>>;
  /** Runs after the application initialised and before it listens (e.g. an idempotent start-up import). */
  beforeListen?(app: INestApplication, context: ServiceContext<P>): Promise<void>;
  /** Lines printed once it listens: where its API and documentation are. */
  describe?(service: RunningService<P>): string[];
}

/**
 * One service, as the kit starts it. A service's `main.ts` is `runService(DEFINITION)`; its tests call
 * `startService(DEFINITION, { config, port: 0, ... })`.
 *
 * `platform`: omitted (or `true`) for a service on the platform: the kit opens the event store, the bus and the
 * database (PlatformModule) and records access denials in `audit.access_denials`. `false` for a service that
 * keeps no events (`ServiceDefinition<null>`): the kit reads no platform variable, opens no database and no
 * audit pool, and writes access denials to the service's log instead.
 */
export type ServiceDefinition<P extends Platform | null = Platform> = ServiceDefinitionParts<P> &
  (P extends Platform ? { platform?: true } : { platform: false });
