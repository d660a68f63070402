import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Role, type Principal } from '@crm/auth';
import type { EventStore } from '@crm/event-store';
import {
  OPENAPI_JSON_PATH,
  OPENAPI_UI_PATH,
  startService,
  type RunningService,
  type ServiceDefinition,
  type StartServiceOptions,
} from '@crm/service-kit';
import { PLAN_2017_2022_FILE, loadCatalogueFile } from '../catalogue/load';
import { ImportCatalogueCommand } from './catalogue/commands/import-catalogue/import-catalogue.command';
import { catalogueStreamId } from './catalogue/domain';
import { PlanModule } from './plan.module';
import { planIntegration, type PlanIntegrationOptions } from './integration/plan-integration';
import { ReadModelsModule } from './read-models/read-models.module';
import { ReviewModule } from './review/review.module';

export const DEFAULT_PLAN_PORT = 3001;

/** The plan's feature modules: read models, reviews and the Kafka integration (with its deployment options). */
export function planFeatures(options: { integration?: PlanIntegrationOptions } = {}) {
  return [ReadModelsModule, ReviewModule, planIntegration(options.integration)];
}

/** The feature modules as production runs them. */
export const DEFAULT_FEATURES = planFeatures();

/** The identity the service uses for its own start-up import (recorded as the events' actor). */
export const PLAN_SERVICE_SYSTEM_PRINCIPAL: Principal = {
  subject: 'system|plan-service',
  country: 'ST',
  institution: 'ST-CRM',
  roles: [Role.SecretariatCoordinator],
  name: 'Servicio del plan (importación del catálogo) / Plan service (catalogue import)',
};

/**
 * Imports the start-up file's plan catalogue when that plan's stream does not exist yet. Idempotent on every
 * start (and between two instances starting together: the fixed command id makes the second import a no-op).
 */
export async function ensureCatalogueImported(
  commandBus: Pick<CommandBus, 'execute'>,
  store: EventStore,
  file: string,
  log: (line: string) => void,
): Promise<void> {
  const command = loadCatalogueFile(file);
  const planId = command.catalogue.planId;
  const existing = await store.readStream(catalogueStreamId(planId), { direction: 'backwards', maxCount: 1 });
  if (existing.length > 0) {
    log(
      `[plan] catalogue ${planId} already imported (version ${(existing[0].data as { version?: number }).version ?? '?'})`,
    );
    return;
  }
  const summary = await commandBus.execute(
    new ImportCatalogueCommand(
      PLAN_SERVICE_SYSTEM_PRINCIPAL,
      { catalogue: command.catalogue, reason: command.reason },
      { commandId: 'startup-import', correlationId: 'plan-startup-import' },
    ),
  );
  log(
    `[plan] catalogue ${summary.planId} imported: ${summary.activities} activities (version ${summary.version})`,
  );
}

/** The lines printed after start-up: where the API and its documentation are, and where tokens come from. */
export function describePlanService(service: Pick<RunningService, 'url' | 'platform' | 'auth'>): string[] {
  const { auth } = service;
  return [
    `Servicio del plan / Plan service: ${service.url}`,
    `  API:      ${service.url}/plan/catalogue   ${service.url}/plan/reports/<country>/<activityId>/<period>`,
    `  OpenAPI:  ${service.url}/${OPENAPI_UI_PATH}   (JSON: ${service.url}/${OPENAPI_JSON_PATH})`,
    `  Salud / Health: ${service.url}/health/live   ${service.url}/health/ready   Métricas / Metrics: ${service.url}/metrics`,
    `  Base de datos / Database: ${service.platform.database.embedded ? `embedded PostgreSQL (${service.platform.config.dataDir})` : 'DATABASE_URL'}`,
    auth.mode === 'dev'
      ? `  Inicio de sesión / Login: POST ${auth.identityUrl}/auth/login  (servicio de identidad / identity service, AUTH_MODE=dev)`
      : `  Inicio de sesión / Login: tokens del proveedor OIDC / from the OIDC provider ${auth.issuer} (AUTH_MODE=oidc)`,
    `  Tokens verificados con / verified against: ${auth.jwksUrl}  (iss ${auth.issuer}, aud ${auth.audience})`,
  ];
}

/** The plan service as the kit starts it; `catalogueFile` is the plan imported at start-up. */
export function planService(catalogueFile: string = PLAN_2017_2022_FILE): ServiceDefinition {
  return {
    name: 'plan',
    title: { es: 'Planes estratégicos de la Red', en: 'Strategic plans of the Network' },
    description: {
      es: 'Catálogo del plan de la Red de Funcionarios de Enlace, informes de avance por país y su revisión por la Secretaría Técnica (ST-CRM).',
      en: 'Catalogue of the Liaison Officers Network plan, country progress reports and their review by the Technical Secretariat (ST-CRM).',
    },
    listener: { portVariable: 'PLAN_PORT', hostVariable: 'PLAN_HOST', defaultPort: DEFAULT_PLAN_PORT },
    modules: () => [PlanModule],
    features: DEFAULT_FEATURES,
    beforeListen: (app: INestApplication, context) =>
      ensureCatalogueImported(app.get(CommandBus), context.platform.store, catalogueFile, context.log),
    describe: describePlanService,
  };
}

export const PLAN_SERVICE = planService();

export interface StartPlanServiceOptions extends StartServiceOptions {
  /** Catalogue imported on start when its stream does not exist (default the 2017-2022 plan). */
  catalogueFile?: string;
}

export type PlanService = RunningService;

/** Starts the plan service on the kit (tests: `{ config, port: 0, features: [] }`). */
export function startPlanService(options: StartPlanServiceOptions = {}): Promise<PlanService> {
  const { catalogueFile, ...rest } = options;
  return startService(catalogueFile ? planService(catalogueFile) : PLAN_SERVICE, rest);
}
