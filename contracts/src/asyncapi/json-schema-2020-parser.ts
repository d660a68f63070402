/**
 * A schema parser for `@asyncapi/parser` that understands payloads declared with
 * `schemaFormat: application/schema+json;version=draft-2020-12` (the parser ships draft-07 only):
 * it checks the schema against the 2020-12 meta-schema and compiles it with ajv, and hands the schema
 * on unchanged. Used by the AsyncAPI tests and by anyone parsing our documents with the official parser.
 */
import type { SchemaParser } from '@asyncapi/parser';
import { createAjv } from '../validation';
import { JSON_SCHEMA_2020_FORMAT } from './documents';

export function jsonSchema2020Parser(): SchemaParser {
  return {
    getMimeTypes: () => [JSON_SCHEMA_2020_FORMAT, 'application/schema+yaml;version=draft-2020-12'],
    validate: (input) => {
      const ajv = createAjv();
      try {
        ajv.compile(input.data as object);
        return [];
      } catch (error) {
        return [{ message: `JSON Schema 2020-12: ${(error as Error).message}`, path: [...input.path] }];
      }
    },
    parse: (input) => input.data as never,
  };
}
