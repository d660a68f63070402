import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ContractDefinition } from './contract';
import { toJsonSchema, type JsonSchema } from './json-schema';
import { contractKey } from './naming';
import { ALL_CONTRACTS, findContractByType } from './registry';

/** One schema problem: `path` is the JSON Pointer of the bad value (ajv `instancePath`, "" = the root). */
export interface SchemaProblem {
  path: string;
  keyword: string;
  message: string;
  schemaPath: string;
}

export type ValidationResult =
  | { ok: true; contract: ContractDefinition }
  | { ok: false; contract?: ContractDefinition; problems: SchemaProblem[] };

/** Keywords of our own the published schemas carry (annotations only). */
export const CONTRACT_ANNOTATION_KEYWORDS = ['x-crm-contract', 'x-crm-direction'];

/** A strict draft 2020-12 ajv with formats: also used by the tests to compile the checked-in files. */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: false, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addVocabulary(CONTRACT_ANNOTATION_KEYWORDS);
  return ajv;
}

let compiled: Map<string, ValidateFunction> | null = null;

function validators(): Map<string, ValidateFunction> {
  if (compiled) return compiled;
  const ajv = createAjv();
  compiled = new Map(
    ALL_CONTRACTS.map((c) => [
      contractKey(c.name, c.version),
      ajv.compile(toJsonSchema(c as ContractDefinition) as JsonSchema),
    ]),
  );
  return compiled;
}

export function toProblems(errors: ErrorObject[] | null | undefined): SchemaProblem[] {
  return (errors ?? []).map((e) => ({
    path: e.instancePath,
    keyword: e.keyword,
    message: e.message ?? e.keyword,
    schemaPath: e.schemaPath,
  }));
}

/**
 * Validates an event payload against its contract. `type` is a contract key (`plan.report.submitted.v1`)
 * or a CloudEvents type (`org.crm.plan.report.submitted.v1`). Used on produce and on consume.
 */
export function validateEvent(type: string, data: unknown): ValidationResult {
  const contract = findContractByType(type);
  if (!contract)
    return {
      ok: false,
      problems: [{ path: '', keyword: 'type', message: `unknown event type "${type}"`, schemaPath: '' }],
    };
  const validate = validators().get(contractKey(contract.name, contract.version)) as ValidateFunction;
  return validate(data)
    ? { ok: true, contract }
    : { ok: false, contract, problems: toProblems(validate.errors) };
}
