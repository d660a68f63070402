import { fromFile, Parser, type Diagnostic } from '@asyncapi/parser';
import { MEMBER_COUNTRIES } from '@crm/kernel';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { contractKey, SERVICES, schemaIdOf } from '../naming';
import { contractsOf } from '../registry';
import { createAjv } from '../validation';
import { JSON_SCHEMA_2020_FORMAT } from './documents';
import { jsonSchema2020Parser } from './json-schema-2020-parser';

const contractsRoot = join(__dirname, '..', '..');
const DOCUMENTS = ['components.yaml', ...SERVICES.map((s) => `${s}.asyncapi.yaml`)];
const parser = new Parser({ schemaParsers: [jsonSchema2020Parser()] });

const errorsOf = (diagnostics: Diagnostic[]) =>
  diagnostics.filter((d) => d.severity === 0).map((d) => `${d.code}: ${d.message} at ${d.path.join('/')}`);

async function parseFile(file: string) {
  return fromFile(parser, file).parse();
}

/** Each checked-in document is parsed once (parsing takes seconds). */
const parsed = new Map<string, ReturnType<typeof parseFile>>();
function parseDocument(name: string) {
  if (!parsed.has(name)) parsed.set(name, parseFile(join(contractsRoot, 'asyncapi', name)));
  return parsed.get(name) as ReturnType<typeof parseFile>;
}

describe('AsyncAPI 3.0.0 documents (official @asyncapi/parser)', () => {
  it.each(DOCUMENTS)('%s parses with zero errors', async (name) => {
    const { document, diagnostics } = await parseDocument(name);
    expect(errorsOf(diagnostics)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
    expect(document?.info().description()).toMatch(/es: [\s\S]+ \/ en: /);
  });

  it('plan: per-country out/in channels with the 11-country parameter, the regional channel, send/receive operations', async () => {
    const { document } = await parseDocument('plan.asyncapi.yaml');
    if (!document) throw new Error('plan document did not parse');
    const channels = Object.fromEntries(
      document
        .channels()
        .all()
        .map((c) => [c.id(), c]),
    );
    expect(channels.countryOutbound?.address()).toBe('crm.{country}.out.plan');
    expect(channels.countryInbound?.address()).toBe('crm.{country}.in.plan');
    expect(channels.regional?.address()).toBe('crm.regional.plan');
    expect(channels.countryOutbound?.parameters().get('country')?.json().enum).toEqual([...MEMBER_COUNTRIES]);
    const ops = document
      .operations()
      .all()
      .map((o) => [
        o.id(),
        o.action(),
        o
          .channels()
          .all()
          .map((c) => c.id()),
      ]);
    expect(ops).toEqual(
      expect.arrayContaining([
        ['sendCountryOutbound', 'send', ['countryOutbound']],
        ['receiveCountryInbound', 'receive', ['countryInbound']],
        ['sendRegional', 'send', ['regional']],
      ]),
    );
    expect(
      channels.countryInbound
        ?.messages()
        .all()
        .map((m) => m.name()),
    ).toEqual(['plan.report.submission-requested.v1']);
    // what the relay publishes: country events only on the country channel, network-wide ones only on regional
    const names = (id: string) =>
      channels[id]
        ?.messages()
        .all()
        .map((m) => m.name());
    expect(names('countryOutbound')).toEqual([
      'plan.report.submitted.v1',
      'plan.report.approved.v1',
      'plan.report.returned.v1',
      'plan.report.reopened.v1',
      'plan.report.submission-outcome.v1',
    ]);
    expect(names('regional')).toEqual(['plan.catalogue.amended.v1']);
  });

  it.each(['plan', 'referrals'] as const)(
    '%s: every contract is a message whose payload resolves to its JSON Schema file (2020-12) and compiles',
    async (service) => {
      const { document } = await parseDocument(`${service}.asyncapi.yaml`);
      const messages = document!.messages().all();
      expect(messages.map((m) => m.name()).sort()).toEqual(
        contractsOf(service)
          .map((c) => contractKey(c.name, c.version))
          .sort(),
      );
      for (const c of contractsOf(service)) {
        const message = messages.find((m) => m.name() === contractKey(c.name, c.version))!;
        const payload = message.json().payload as { schemaFormat: string; schema: Record<string, unknown> };
        expect(payload.schemaFormat).toBe(JSON_SCHEMA_2020_FORMAT);
        expect(payload.schema.$id).toBe(schemaIdOf(c.name, c.version));
        const validate = createAjv().compile(
          JSON.parse(JSON.stringify(payload.schema, (k, v) => (k.startsWith('x-parser') ? undefined : v))),
        );
        expect(validate(c.example)).toBe(true);
        expect(message.headers()?.json()).toBeDefined();
      }
    },
  );

  it('referrals: country channels only (nothing regional: every referral event concerns its countries), the response inbound, the rest outbound', async () => {
    const { document } = await parseDocument('referrals.asyncapi.yaml');
    if (!document) throw new Error('referrals document did not parse');
    const names = (id: string) =>
      document
        .channels()
        .all()
        .find((c) => c.id() === id)
        ?.messages()
        .all()
        .map((m) => m.name());
    expect(
      document
        .channels()
        .all()
        .find((c) => c.id() === 'countryInbound')
        ?.address(),
    ).toBe('crm.{country}.in.referrals');
    expect(names('countryInbound')).toEqual(['referrals.referral.response-requested.v1']);
    expect(names('regional')).toEqual([]);
    expect(names('countryOutbound')).toEqual(
      expect.arrayContaining(['referrals.referral.sent.v1', 'referrals.referral.response-outcome.v1']),
    );
    expect(names('countryOutbound')).toHaveLength(contractsOf('referrals').length - 1);
  });

  it('other services are valid documents with no messages yet', async () => {
    for (const service of SERVICES.filter((s) => s !== 'plan' && s !== 'referrals')) {
      const { document } = await parseDocument(`${service}.asyncapi.yaml`);
      expect(document?.messages().all()).toEqual([]);
    }
  });

  describe('the check can fail', () => {
    let copy: string;
    beforeEach(() => {
      copy = mkdtempSync(join(tmpdir(), 'contracts-asyncapi-'));
      for (const dir of ['schemas', 'asyncapi'])
        cpSync(join(contractsRoot, dir), join(copy, dir), { recursive: true });
    });
    afterEach(() => rmSync(copy, { recursive: true, force: true }));

    it('reports an operation sending a message its channel does not carry', async () => {
      const file = join(copy, 'asyncapi', 'plan.asyncapi.yaml');
      const doc = parse(readFileSync(file, 'utf8'));
      doc.operations.receiveCountryInbound.messages.push({
        $ref: '#/channels/countryOutbound/messages/reportApprovedV1',
      });
      writeFileSync(file, JSON.stringify(doc));
      const { diagnostics } = await parseFile(file);
      expect(errorsOf(diagnostics).length).toBeGreaterThan(0);
    });

    it('reports a payload $ref to a schema file that does not exist', async () => {
      rmSync(join(copy, 'schemas', 'plan', 'plan.report.approved.v1.json'));
      const { diagnostics } = await parseFile(join(copy, 'asyncapi', 'plan.asyncapi.yaml'));
      expect(errorsOf(diagnostics).join('\n')).toMatch(/plan\.report\.approved\.v1\.json/);
    });
  });

  it('the draft 2020-12 schema parser rejects a schema ajv cannot compile', async () => {
    const input = { data: { type: 'object', properties: { a: { type: 'nope' } } }, path: ['x'] } as never;
    expect(await jsonSchema2020Parser().validate(input)).toEqual([expect.objectContaining({ path: ['x'] })]);
    expect(await jsonSchema2020Parser().validate({ data: { type: 'string' }, path: ['x'] } as never)).toEqual(
      [],
    );
  });
});
