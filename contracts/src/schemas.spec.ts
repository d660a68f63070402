import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContractDefinition } from './contract';
import { JSON_SCHEMA_DIALECT, schemaFileFor } from './json-schema';
import { contractKey, schemaIdOf } from './naming';
import { ALL_CONTRACTS } from './registry';
import { DESCRIPTION_PATTERN } from './schema-kit';
import { createAjv, validateEvent } from './validation';

const contracts = ALL_CONTRACTS as readonly ContractDefinition[];
const readSchema = (c: ContractDefinition) =>
  JSON.parse(readFileSync(join(__dirname, '..', schemaFileFor(c)), 'utf8'));

/** Every (path, node) of a schema that is a schema object (not `properties` maps, `examples` or `enum`). */
function schemaNodes(node: unknown, path = '#'): [string, Record<string, unknown>][] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [];
  const obj = node as Record<string, unknown>;
  const out: [string, Record<string, unknown>][] = [[path, obj]];
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'properties' || k === '$defs' || k === 'patternProperties') {
      for (const [name, sub] of Object.entries(v as Record<string, unknown>))
        out.push(...schemaNodes(sub, `${path}/${k}/${name}`));
    } else if (k === 'anyOf' || k === 'oneOf' || k === 'allOf' || k === 'prefixItems') {
      (v as unknown[]).forEach((sub, i) => out.push(...schemaNodes(sub, `${path}/${k}/${i}`)));
    } else if (k === 'items' || k === 'additionalProperties' || k === 'not' || k === 'contains') {
      out.push(...schemaNodes(v, `${path}/${k}`));
    }
  }
  return out;
}

/** Invalid payloads per contract: each must fail its schema. */
const INVALID: Record<string, [string, (example: Record<string, any>) => unknown][]> = {
  'plan.report.submitted.v1': [
    ['no period', ({ period: _, ...rest }) => rest],
    ['bad country', (e) => ({ ...e, country: 'AR' })],
    ['late not boolean', (e) => ({ ...e, late: 'no' })],
    ['bad timestamp', (e) => ({ ...e, submittedAt: '10/07/2020' })],
    ['actor with no role', (e) => ({ ...e, actor: { subject: 'x' } })],
  ],
  'plan.report.approved.v1': [
    ['version 0', (e) => ({ ...e, approvedVersion: 0 })],
    ['empty comments', (e) => ({ ...e, comments: {} })],
    ['unknown status', (e) => ({ ...e, status: 'done' })],
  ],
  'plan.report.returned.v1': [
    ['no comments', ({ comments: _, ...rest }) => rest],
    ['comments in French', (e) => ({ ...e, comments: { fr: 'x' } })],
    ['period S3', (e) => ({ ...e, period: '2020-S3' })],
  ],
  'plan.report.reopened.v1': [
    ['no reason', ({ reason: _, ...rest }) => rest],
    ['blank reason', (e) => ({ ...e, reason: { es: '  ' } })],
    ['previous version not integer', (e) => ({ ...e, previousApprovedVersion: 1.5 })],
  ],
  'plan.catalogue.amended.v1': [
    ['no version', ({ catalogueVersion: _, ...rest }) => rest],
    [
      'unknown change kind',
      (e) => ({ ...e, changes: [{ kind: 'deleted_everything', activityId: 'I.1.1.1' }] }),
    ],
    ['changes not a list', (e) => ({ ...e, changes: 'all' })],
  ],
  'plan.report.submission-requested.v1': [
    ['http evidence', (e) => ({ ...e, evidence: ['http://example.org/a'] })],
    [
      '21 evidence links',
      (e) => ({ ...e, evidence: Array.from({ length: 21 }, (_, i) => `https://example.org/${i}`) }),
    ],
    ['extra property', (e) => ({ ...e, childName: 'X' })],
    ['no narrative language', (e) => ({ ...e, narrative: {} })],
    ['suspended is not submittable', (e) => ({ ...e, status: 'suspended' })],
    ['indicator value as text', (e) => ({ ...e, indicators: [{ indicator: 'a', value: '1' }] })],
  ],
  'plan.report.submission-outcome.v1': [
    ['accepted without report id', ({ reportId: _, ...rest }) => rest],
    ['rejected without reason', (e) => ({ outcome: 'rejected', country: e.country, decidedAt: e.decidedAt })],
    [
      'reason with one language',
      (e) => ({
        outcome: 'rejected',
        country: e.country,
        decidedAt: e.decidedAt,
        reason: { code: 'x', message: { es: 'x' } },
      }),
    ],
    ['unknown outcome', (e) => ({ ...e, outcome: 'maybe' })],
  ],
  'referrals.referral.sent.v1': [
    ['no view path', ({ viewPath: _, ...rest }) => rest],
    ['view path elsewhere', (e) => ({ ...e, viewPath: 'https://evil.example/x' })],
    ['referral id not a UUID v4', (e) => ({ ...e, referralId: 'REF-1' })],
    ['unknown basis', (e) => ({ ...e, basis: 'verbal' })],
    ['no services', (e) => ({ ...e, servicesRequested: [] })],
    [
      'indicators without the age band',
      (e) => ({ ...e, indicators: { ...e.indicators, ageBand: undefined } }),
    ],
    ['nationality as a name', (e) => ({ ...e, indicators: { ...e.indicators, nationality: 'Honduras' } })],
    [
      'detection outside the member countries',
      (e) => ({ ...e, indicators: { ...e.indicators, countryOfDetection: 'AR' } }),
    ],
    ['institution without id', (e) => ({ ...e, to: { country: 'HN' } })],
  ],
  'referrals.referral.status-changed.v1': [
    ['no previous status', ({ previousStatus: _, ...rest }) => rest],
    ['unknown decline reason', (e) => ({ ...e, declineReason: 'we do not like it' })],
    ['FHIR status of another vocabulary', (e) => ({ ...e, fhirStatus: 'in_progress' })],
    ['negative revision', (e) => ({ ...e, revision: -1 })],
  ],
  'referrals.referral.follow-up-reported.v1': [
    ['unknown follow-up status', (e) => ({ ...e, followUpStatus: 'done' })],
    ['side transferee', (e) => ({ ...e, side: 'transferee' })],
    ['hasNote as text', (e) => ({ ...e, hasNote: 'no' })],
  ],
  'referrals.referral.reminder-sent.v1': [
    ['count 0', (e) => ({ ...e, count: 0 })],
    ['unknown step', (e) => ({ ...e, step: 'close' })],
  ],
  'referrals.referral.escalated.v1': [
    ['level 3', (e) => ({ ...e, level: 3 })],
    ['unknown target', (e) => ({ ...e, escalatedTo: 'minister' })],
    ['no receiver', ({ receiver: _, ...rest }) => rest],
  ],
  'referrals.referral.transfer-requested.v1': [
    ['no transferee', ({ transferee: _, ...rest }) => rest],
    ['unknown category', (e) => ({ ...e, categories: ['everything'] })],
  ],
  'referrals.referral.transfer-decided.v1': [
    ['unknown decision', (e) => ({ ...e, decision: 'maybe' })],
    ['no transfer id', ({ transferId: _, ...rest }) => rest],
  ],
  'referrals.referral.consent-withdrawal-notified.v1': [
    ['no deadline', ({ acknowledgeBy: _, ...rest }) => rest],
    ['repeated category', (e) => ({ ...e, categories: ['identity', 'identity'] })],
  ],
  'referrals.referral.consent-withdrawal-acknowledged.v1': [
    ['no consent', (e) => ({ ...e, consentIds: [] })],
    ['bad instant', (e) => ({ ...e, acknowledgedAt: 'yesterday' })],
  ],
  'referrals.referral.response-requested.v1': [
    ['free-text note', (e) => ({ ...e, note: 'La niña Ana está bien' })],
    ['note inside the follow-up', (e) => ({ ...e, followUp: { ...e.followUp, note: 'x' } })],
    ['unknown action', (e) => ({ ...e, action: 'revoke' })],
    [
      'decline without a reason',
      (e) => ({ country: e.country, referralId: e.referralId, action: 'decline', externalReference: 'x' }),
    ],
    ['update without a follow-up', ({ followUp: _, ...rest }) => rest],
    [
      'close without an outcome',
      (e) => ({ country: e.country, referralId: e.referralId, action: 'close', externalReference: 'x' }),
    ],
    [
      'accept carrying a decline reason',
      ({ followUp: _, ...rest }) => ({ ...rest, action: 'accept', declineReason: 'no_capacity' }),
    ],
    [
      'decline carrying an outcome',
      ({ followUp: _, ...rest }) => ({
        ...rest,
        action: 'decline',
        declineReason: 'no_capacity',
        outcome: 'reunified',
      }),
    ],
    [
      'unknown decline reason',
      ({ followUp: _, ...rest }) => ({ ...rest, action: 'decline', declineReason: 'busy' }),
    ],
    [
      'decline "other" (it needs a note: HTTPS only)',
      ({ followUp: _, ...rest }) => ({ ...rest, action: 'decline', declineReason: 'other' }),
    ],
    ['follow-up with no services', (e) => ({ ...e, followUp: { ...e.followUp, services: [] } })],
    ['no external reference', ({ externalReference: _, ...rest }) => rest],
    ['revision not an integer', (e) => ({ ...e, expectedRevision: 1.5 })],
  ],
  'referrals.referral.response-outcome.v1': [
    ['accepted without revision', ({ revision: _, ...rest }) => rest],
    ['rejected without reason', (e) => ({ outcome: 'rejected', country: e.country, decidedAt: e.decidedAt })],
    ['unknown action', (e) => ({ ...e, action: 'revoke' })],
  ],
};

describe('JSON Schema files', () => {
  it.each(contracts.map((c) => [contractKey(c.name, c.version), c] as const))(
    '%s compiles with ajv (draft 2020-12) and has its $id',
    (_key, contract) => {
      const schema = readSchema(contract);
      expect(schema.$schema).toBe(JSON_SCHEMA_DIALECT);
      expect(schema.$id).toBe(schemaIdOf(contract.name, contract.version));
      expect(schemaFileFor(contract)).toBe(
        `schemas/${contract.service}/${contract.name}.v${contract.version}.json`,
      );
      const validate = createAjv().compile(schema);
      expect(validate(contract.example)).toBe(true);
    },
  );

  it.each(contracts.map((c) => [contractKey(c.name, c.version), c] as const))(
    '%s: every schema node has a bilingual "es: ... / en: ..." description',
    (_key, contract) => {
      const missing = schemaNodes(readSchema(contract))
        .filter(
          ([, node]) => typeof node.description !== 'string' || !DESCRIPTION_PATTERN.test(node.description),
        )
        .map(([path]) => path);
      expect(missing).toEqual([]);
      expect(readSchema(contract).title).toMatch(DESCRIPTION_PATTERN);
    },
  );

  it('inbound payloads are closed (no unknown properties), outbound payloads open', () => {
    for (const c of contracts) {
      const schema = readSchema(c);
      if (c.direction === 'inbound') expect(schema.additionalProperties).toBe(false);
      else expect(schema.additionalProperties).toBeUndefined();
    }
  });
});

describe('round trip of every contract', () => {
  it('has invalid examples for every contract', () => {
    expect(Object.keys(INVALID).sort()).toEqual(contracts.map((c) => contractKey(c.name, c.version)).sort());
  });

  for (const c of contracts) {
    const key = contractKey(c.name, c.version);
    describe(key, () => {
      const fileValidator = createAjv().compile(readSchema(c));
      it('accepts its example (by contract key and by CloudEvents type)', () => {
        expect(validateEvent(key, c.example).ok).toBe(true);
        expect(validateEvent(`org.crm.${key}`, c.example).ok).toBe(true);
      });
      it.each((INVALID[key] ?? []).map(([name, mutate]) => [name, mutate]))(
        'rejects: %s',
        (_name, mutate) => {
          const invalid = (mutate as (e: Record<string, unknown>) => unknown)(
            structuredClone(c.example) as Record<string, unknown>,
          );
          const result = validateEvent(key, invalid);
          expect(result.ok).toBe(false);
          expect(fileValidator(invalid)).toBe(false);
        },
      );
    });
  }

  it('reports the JSON Pointer of the problem', () => {
    const example = ALL_CONTRACTS.find((c) => c.name === 'plan.report.submission-requested')!.example;
    const result = validateEvent('plan.report.submission-requested.v1', {
      ...example,
      evidence: ['https://a.org/x', 'ftp://b.org/y'],
    });
    expect(result).toMatchObject({ ok: false, problems: [expect.objectContaining({ path: '/evidence/1' })] });
  });

  it('refuses unknown types', () => {
    expect(validateEvent('plan.report.deleted.v1', {})).toMatchObject({ ok: false });
  });
});
