import type { Static } from '@sinclair/typebox';
import type { ContractDefinition } from './contract';
import { contractKey, parseCeType, type ServiceName } from './naming';
import { PLAN_CONTRACTS } from './plan';
import { REFERRALS_CONTRACTS } from './referrals';

/** Every published contract, every version (old versions stay here for their deprecation window). */
export const ALL_CONTRACTS = [...PLAN_CONTRACTS, ...REFERRALS_CONTRACTS] as const;

export type AnyContract = (typeof ALL_CONTRACTS)[number];
export type ContractName = AnyContract['name'];
export type ContractKey = AnyContract extends infer C
  ? C extends { name: infer N extends string; version: infer V extends number }
    ? `${N}.v${V}`
    : never
  : never;
export type ContractFor<N extends ContractName, V extends number> = Extract<
  AnyContract,
  { name: N; version: V }
>;
export type VersionOf<N extends ContractName> = Extract<AnyContract, { name: N }>['version'];
export type DataOf<N extends ContractName, V extends VersionOf<N>> = Static<ContractFor<N, V>['schema']>;

const byKey = new Map<string, ContractDefinition>(
  ALL_CONTRACTS.map((c) => [contractKey(c.name, c.version), c as ContractDefinition]),
);
if (byKey.size !== ALL_CONTRACTS.length) throw new Error('duplicate contract name/version in the registry');

export function findContract(name: string, version: number): ContractDefinition | undefined {
  return byKey.get(contractKey(name, version));
}

/** Accepts a contract key (`plan.report.submitted.v1`) or a CloudEvents type (`org.crm.plan.report.submitted.v1`). */
export function findContractByType(type: string): ContractDefinition | undefined {
  const direct = byKey.get(type);
  if (direct) return direct;
  const parsed = parseCeType(type) ?? parseCeType(`org.crm.${type}`);
  return parsed ? findContract(parsed.name, parsed.version) : undefined;
}

export function isKnownEventName(name: string): boolean {
  return ALL_CONTRACTS.some((c) => c.name === name);
}

export function contractsOf(service: ServiceName): ContractDefinition[] {
  return ALL_CONTRACTS.filter((c) => c.service === service) as ContractDefinition[];
}
