import type { ContractDefinition } from './contract';
import { bilingual } from './schema-kit';
import { contractKey, schemaFileOf, schemaIdOf } from './naming';

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

export type JsonSchema = Record<string, unknown>;

/**
 * The published JSON Schema of a contract: TypeBox's schema as plain JSON (TypeBox's symbol keys
 * dropped), with the dialect, `$id`, bilingual title and one example. This is exactly what is written to
 * `contracts/schemas/...` and what `validateEvent` compiles, so the two cannot differ.
 */
export function toJsonSchema(contract: ContractDefinition): JsonSchema {
  const plain = JSON.parse(JSON.stringify(contract.schema)) as JsonSchema;
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: schemaIdOf(contract.name, contract.version),
    title: bilingual(contract.title.es, contract.title.en),
    'x-crm-contract': contractKey(contract.name, contract.version),
    'x-crm-direction': contract.direction,
    ...plain,
    examples: [contract.example],
  };
}

export function schemaFileFor(contract: ContractDefinition): string {
  return schemaFileOf(contract.service, contract.name, contract.version);
}
