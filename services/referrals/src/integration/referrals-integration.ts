import { IntegrationModule, type IntegrationOptions, type ServiceIntegration } from '@crm/service-kit';
import type { DynamicModule } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RESPONSE_COMMANDS } from './referral-response.commands';
import { handleReferralResponse } from './referral-response.inbound';
import { REFERRALS_RELAY_NAME, startReferralsRelay } from './referrals-relay';

/** Schema of the inbound gateway's processed-id table (the service's own schema). */
export const REFERRALS_INTEGRATION_SCHEMA = 'referrals';

/**
 * The referral service on Kafka: its relay (referral events to the `out` topics of the countries each
 * referral concerns) and the national systems' responses on `crm.<C>.in.referrals`.
 */
export const REFERRALS_INTEGRATION: ServiceIntegration = {
  service: 'referrals',
  schema: REFERRALS_INTEGRATION_SCHEMA,
  relayName: REFERRALS_RELAY_NAME,
  startRelay: (deps) => startReferralsRelay(deps),
  inbound: (get, platform) => (event, context) =>
    handleReferralResponse(
      { commandBus: get(CommandBus), clock: platform.clock, commands: RESPONSE_COMMANDS },
      event,
      context,
    ),
};

export type ReferralsIntegrationOptions = IntegrationOptions;

/** The referral service's integration module with deployment options (topic namespace, countries, flags). */
export function referralsIntegration(options: IntegrationOptions = {}): DynamicModule {
  return IntegrationModule.forService(REFERRALS_INTEGRATION, options);
}
