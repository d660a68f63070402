import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import type { DevIssuer } from '@crm/auth';
import type { LocalizedText } from '@crm/kernel';
import type { Platform } from '@crm/platform';
import type { ListenerSettings } from '../config/service-config';

/** What the service's modules and hooks may use while the process starts. */
export interface ServiceContext {
  platform: Platform;
  /** The development issuer when AUTH_MODE=dev (login + JWKS), absent with OIDC. */
  devIssuer?: DevIssuer;
  /** Start-up lines without personal data (default stdout). */
  log: (line: string) => void;
}

/**
 * One service, as the kit starts it. A service's `main.ts` is `runService(DEFINITION)`; its tests call
 * `startService(DEFINITION, { config, port: 0, ... })`.
 */
export interface ServiceDefinition {
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
  /** The modules the service always needs (its contexts and their commands and queries). */
  modules(context: ServiceContext): Array<Type<unknown> | DynamicModule>;
  /** Feature modules started by default; `features` of the start options replace them (tests leave them out). */
  features?: Array<Type<unknown> | DynamicModule>;
  /** Controllers registered at the root (e.g. the development login). */
  controllers?(context: ServiceContext): Array<Type<unknown>>;
  /** Runs after the application initialised and before it listens (e.g. an idempotent start-up import). */
  beforeListen?(app: INestApplication, context: ServiceContext): Promise<void>;
  /** Lines printed once it listens: where its API and documentation are. */
  describe?(service: { url: string; platform: Platform; devIssuer?: DevIssuer }): string[];
}
