import {
  OPENAPI_JSON_PATH,
  OPENAPI_UI_PATH,
  startService,
  type RunningService,
  type ServiceDefinition,
  type StartServiceOptions,
} from '@crm/service-kit';
import { ConsentProcessModule } from './consent-process/consent-process.module';
import { loadEscalationConfig } from './escalation/escalation-config';
import { EscalationModule } from './escalation/escalation.module';
import { ReferralReadModelsModule } from './read-models/read-models.module';
import { referralsIntegration, type ReferralsIntegrationOptions } from './integration/referrals-integration';
import { ReferralsModule } from './referrals.module';
import { referralSettingsFrom } from './referrals/referral-settings';

export const DEFAULT_REFERRALS_PORT = 3002;

/** The feature modules as production runs them (read models, deadlines, the Kafka integration with its options). */
export function referralsFeatures(
  options: { integration?: ReferralsIntegrationOptions } = {},
): ServiceDefinition['features'] {
  // deadlines and escalation (the referrals.deadlines projection and the runner), the read models, the consent
  // process (withdrawals notified to the referrals they affect), the Kafka integration
  return [
    EscalationModule,
    ReferralReadModelsModule,
    ConsentProcessModule,
    referralsIntegration(options.integration),
  ];
}

/** The lines printed after start-up: where the API and its documentation are. */
export function describeReferralsService(service: Pick<RunningService, 'url'>): string[] {
  return [
    `Servicio de referencias / Referrals service: ${service.url}`,
    `  API:      ${service.url}/referrals/institutions   ${service.url}/referrals/cases   ${service.url}/referrals/referrals`,
    `  OpenAPI:  ${service.url}/${OPENAPI_UI_PATH}   (JSON: ${service.url}/${OPENAPI_JSON_PATH})`,
    `  Salud / Health: ${service.url}/health/live   ${service.url}/health/ready   Métricas / Metrics: ${service.url}/metrics`,
  ];
}

/** The referral service as the kit starts it (children's personal data: `personalData: true`). */
export const REFERRALS_SERVICE: ServiceDefinition = {
  name: 'referrals',
  title: { es: 'Referencia y seguimiento de casos', en: 'Case referral and follow-up' },
  description: {
    es: 'Referencia transfronteriza y seguimiento de casos de niñas, niños y adolescentes migrantes entre las instituciones de protección de los países de la Red: directorio de instituciones, registro con indicadores comunes, interés superior y consentimiento, plazos que escalan.',
    en: "Cross-border referral and follow-up of migrant children's cases between the protection institutions of the Network's countries: institutions directory, registration with common indicators, best interests and consent, deadlines that escalate.",
  },
  listener: {
    portVariable: 'REFERRALS_PORT',
    hostVariable: 'REFERRALS_HOST',
    defaultPort: DEFAULT_REFERRALS_PORT,
  },
  personalData: true,
  // the service's own variables, checked with the kit's before anything starts
  checkEnvironment: (env) => {
    loadEscalationConfig(env);
    referralSettingsFrom(env);
  },
  modules: () => [ReferralsModule],
  features: referralsFeatures(),
  describe: describeReferralsService,
};

/** Starts the referral service on the kit (tests: `{ env, port: 0, features: [] }`). */
export function startReferralsService(options: StartServiceOptions = {}): Promise<RunningService> {
  return startService(REFERRALS_SERVICE, options);
}
