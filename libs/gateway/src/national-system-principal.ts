import { Role, type Principal } from '@crm/auth';
import type { CountryCode } from '@crm/kernel';

/**
 * The identity a country's national system acts with on the inbound gateway: the Kafka topic
 * `crm.<country>.in.<service>` stands for its credential (the ACL lets only that country's national system
 * write it, and the gate checked the declared country against the topic's). Every service's inbound adapter
 * dispatches its commands as this principal, so the services' own rules (a referral's side, a report's
 * country) apply to it exactly as to the same national system calling over HTTP.
 */
export function nationalSystemPrincipal(country: CountryCode): Principal {
  return {
    subject: `national-system:${country}`,
    country,
    institution: `${country}/national-system`,
    roles: [Role.NationalSystem],
  };
}
