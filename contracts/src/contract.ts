import type { Static, TSchema } from '@sinclair/typebox';
import type { LocalizedText } from '@crm/kernel';
import type { ServiceName } from './naming';

/**
 * `outbound`: the platform publishes it (relay -> Kafka). `inbound`: a national system publishes it.
 * `country` events travel on the per-country topics, `regional` ones on `crm.regional.<service>`.
 */
export type Direction = 'outbound' | 'inbound';
export type Scope = 'country' | 'regional';

export interface ContractDefinition<
  S extends TSchema = TSchema,
  N extends string = string,
  V extends number = number,
> {
  service: ServiceName;
  /** Logical name without version, e.g. `plan.report.submitted`. */
  name: N;
  /** Major version: a new one only for an incompatible change (README, "Versioning"). */
  version: V;
  direction: Direction;
  scope: Scope;
  title: LocalizedText;
  /** Payload schema (the CloudEvents `data`). TypeBox: JSON Schema and TypeScript type in one. */
  schema: S;
  /** A valid payload: shown in the schema and AsyncAPI `examples`, and round-tripped by the tests. */
  example: Static<S>;
}

export function defineContract<S extends TSchema, const N extends string, const V extends number>(
  contract: ContractDefinition<S, N, V>,
): ContractDefinition<S, N, V> {
  return contract;
}
