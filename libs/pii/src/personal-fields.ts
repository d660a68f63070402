/**
 * One place per contract declares which fields of an event (or message, or read-model row) are a child's
 * personal data; this registry is where the redacting logger and the protector find them. Paths are dotted
 * object paths; the whole value at a path (string, object, array) is one protected field. Example: definePersonalData('ReferralOpened', ['child.name', 'child.dateOfBirth', 'notes']).
 */
export interface PersonalDataDeclaration {
  type: string;
  paths: readonly string[];
}

const PATH = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;
const registry = new Map<string, readonly string[]>();

export function definePersonalData(type: string, paths: readonly string[]): PersonalDataDeclaration {
  for (const p of paths) if (!PATH.test(p)) throw new Error(`invalid personal-data path "${p}" for ${type}`);
  const frozen = Object.freeze([...new Set(paths)]);
  const existing = registry.get(type);
  if (existing && existing.join('\n') !== frozen.join('\n'))
    throw new Error(`personal data of ${type} is already declared differently`);
  registry.set(type, frozen);
  return { type, paths: frozen };
}

/**
 * Registers many declarations at once, type → paths: how a process wires the integration contracts' catalogue
 * into this registry at start-up, `registerPersonalDataDeclarations(PERSONAL_DATA_FIELDS)` (@crm/contracts).
 * This library imports no catalogue: nothing is registered merely by loading it. Re-registering the same
 * declaration is a no-op; a different one for a registered type is refused.
 */
export function registerPersonalDataDeclarations(
  declarations: Readonly<Record<string, readonly string[]>>,
): PersonalDataDeclaration[] {
  return Object.entries(declarations).map(([type, paths]) => definePersonalData(type, paths));
}

/** Every registered declaration (a type declaring no personal field is listed with no paths). */
export function personalDataDeclarations(): PersonalDataDeclaration[] {
  return [...registry.entries()].map(([type, paths]) => ({ type, paths }));
}

/** The declared personal fields of a type ([] when it declares none). */
export function personalFieldsOf(type: string): readonly string[] {
  return registry.get(type) ?? [];
}

/** Every declared path of every type (for log redaction). */
export function allPersonalPaths(): string[] {
  return [...new Set([...registry.values()].flat())].sort();
}

export function getPath(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/** Returns a copy of `obj` with `path` set to `value` (only when the path exists up to its parent). */
export function withPath<T>(obj: T, path: string, value: unknown): T {
  const keys = path.split('.');
  const root = structuredClone(obj) as unknown;
  let node = root as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) {
    const next = node?.[k];
    if (next === null || typeof next !== 'object') return root as T;
    node = next as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (node && Object.prototype.hasOwnProperty.call(node, last)) node[last] = value;
  return root as T;
}

export const REDACTED = '[REDACTED]';

/** A deep copy of `obj` with every present path replaced by `replacement`. */
export function redact<T>(obj: T, paths: readonly string[], replacement: unknown = REDACTED): T {
  let out = structuredClone(obj);
  for (const p of paths) if (getPath(out, p) !== undefined) out = withPath(out, p, replacement);
  return out;
}

/**
 * Redacts the declared paths wherever they occur, at any depth (a logged event nests its data under
 * arbitrary keys). Does not mutate its input.
 */
export function redactDeep(
  value: unknown,
  paths: readonly string[],
  replacement: unknown = REDACTED,
  depth = 0,
): unknown {
  if (value === null || typeof value !== 'object' || depth > 20) return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, paths, replacement, depth + 1));
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) copy[k] = redactDeep(v, paths, replacement, depth + 1);
  let out: Record<string, unknown> = copy;
  for (const p of paths) {
    if (getPath(out, p) !== undefined) out = withPath(out, p, replacement);
  }
  return out;
}
