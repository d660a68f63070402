import { IntegrationModule, type IntegrationOptions, type ServiceIntegration } from '@crm/service-kit';
import type { DynamicModule } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { handleSubmissionRequest } from '../reports/commands/submit-report/submit-report.inbound';
import { PLAN_RELAY_NAME, startPlanRelay } from './plan-relay';

/** Schema of the inbound gateway's processed-id table. */
export const PLAN_INTEGRATION_SCHEMA = 'plan';

/** The plan service on Kafka: its relay, and report submissions from national systems. */
export const PLAN_INTEGRATION: ServiceIntegration = {
  service: 'plan',
  schema: PLAN_INTEGRATION_SCHEMA,
  relayName: PLAN_RELAY_NAME,
  startRelay: (deps) => startPlanRelay(deps),
  inbound: (get, platform) => (event, context) =>
    handleSubmissionRequest(
      { commandBus: get(CommandBus), store: platform.store, clock: platform.clock },
      event,
      context,
    ),
};

export type PlanIntegrationOptions = IntegrationOptions;

/** The plan's integration module with deployment options (topic namespace, countries, flags). */
export function planIntegration(options: IntegrationOptions = {}): DynamicModule {
  return IntegrationModule.forService(PLAN_INTEGRATION, options);
}
