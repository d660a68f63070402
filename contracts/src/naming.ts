/**
 * Names of integration events. One logical name per event (`<service>.<aggregate>.<past-tense verb>`,
 * lowercase, dot-separated, `-` inside a word), one integer major version per published schema:
 *
 *   contract key      plan.report.submitted.v1
 *   CloudEvents type  org.crm.plan.report.submitted.v1   (reverse-DNS prefix + contract key)
 *   schema file       contracts/schemas/plan/plan.report.submitted.v1.json
 *   schema $id        urn:crm:contracts:schema:plan.report.submitted.v1  (also the `dataschema` attribute)
 */
export const SERVICES = ['plan', 'referrals', 'alerts', 'practices', 'secretariat'] as const;
export type ServiceName = (typeof SERVICES)[number];

export function isServiceName(value: unknown): value is ServiceName {
  return typeof value === 'string' && (SERVICES as readonly string[]).includes(value);
}

export const CE_TYPE_PREFIX = 'org.crm.';
export const SCHEMA_ID_PREFIX = 'urn:crm:contracts:schema:';

const NAME = /^(plan|referrals|alerts|practices|secretariat)(\.[a-z][a-z0-9-]*)+$/;
const CE_TYPE = /^org\.crm\.([a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)+)\.v([0-9]+)$/;

export function isEventName(value: string): boolean {
  return NAME.test(value);
}

/** `plan.report.submitted` + 1 -> `plan.report.submitted.v1`. */
export function contractKey(name: string, version: number): string {
  return `${name}.v${version}`;
}

/** `plan.report.submitted` + 1 -> `org.crm.plan.report.submitted.v1`. */
export function ceTypeOf(name: string, version: number): string {
  return `${CE_TYPE_PREFIX}${contractKey(name, version)}`;
}

/** The logical name and version of a CloudEvents type, or null when it does not follow the naming rule. */
export function parseCeType(type: string): { name: string; version: number } | null {
  const match = CE_TYPE.exec(type);
  if (!match) return null;
  const version = Number(match[2]);
  if (!Number.isSafeInteger(version)) return null;
  return { name: match[1] as string, version };
}

export function schemaIdOf(name: string, version: number): string {
  return `${SCHEMA_ID_PREFIX}${contractKey(name, version)}`;
}

/** Path of the schema file relative to `contracts/`. */
export function schemaFileOf(service: ServiceName, name: string, version: number): string {
  return `schemas/${service}/${contractKey(name, version)}.json`;
}

export function serviceOfName(name: string): ServiceName | null {
  const head = name.split('.')[0];
  return isServiceName(head) ? head : null;
}
