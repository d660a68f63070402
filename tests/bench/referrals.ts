/**
 * Referral benchmark: register-and-send over HTTP at 8 concurrent clients (each client: register a case with
 * the child's identifying data, record the child's consent, draft the referral, send it = 4 commands), against
 * the real referral service on the kit (in-process, real identity tokens, PersonalDataProtector, PostgreSQL
 * event store; feature modules off: the HTTP command path alone), beside the raw append rate of the same
 * PostgreSQL event store (single-event appends by 8 writers) measured in the same run on the same database.
 *
 *   npx ts-node -r tsconfig-paths/register --transpile-only tests/bench/referrals.ts   (npm run bench:referrals)
 *   BENCH_SCALE=0.1 for a smoke run (default 400 register-and-send flows, 1,600 commands; 4,000 raw appends)
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startEmbeddedPostgres } from '@crm/config';
import { PostgresEventStore } from '@crm/event-store-postgres';
import { startTestIdentity } from '@crm/identity/testing';
import { REFERRALS_SERVICE } from '@crm/referrals';
import { benchChild } from '@crm/referrals/testing';
import { startService } from '@crm/service-kit';
import { fmt, percentile, runLoad, scaled, table, type LoadResult } from './bench-util';

const CLIENTS = 8;
const FLOWS = scaled(400);
const RAW_APPENDS = scaled(4000);

const isoDate = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const INDICATORS = {
  ageBand: '15-17',
  ageAssessment: 'declared',
  sex: 'female',
  nationality: 'HN',
  countryOfOrigin: 'HN',
  countryOfDetection: 'MX',
  countryOfDestination: 'US',
  migrationStage: 'in_transit',
  accompaniment: 'unaccompanied',
  travellingWith: ['alone'],
  detectedOn: isoDate(-3),
  detectionPlaceType: 'migration_station',
  internationalProtectionNeeds: ['violence_victim'],
  documentation: ['birth_certificate'],
  healthNeeds: ['none_identified'],
  psychosocialNeeds: ['not_yet_assessed'],
  disability: 'no',
  pregnancyOrParenthood: ['none'],
  reasonsForMigrating: ['violence'],
  languages: ['es'],
  needsInterpreter: false,
  indigenousPeople: 'no',
  schoolingBeforeMigrating: 'enrolled',
};

function institution(country: string, institutionId: string) {
  const focal = (id: string) => ({
    focalPointId: `${institutionId}-${id}`,
    languages: ['es'],
    contact: { name: `Punto focal ${id}`, email: `${id}@${country.toLowerCase()}.example.org` },
  });
  return {
    institutionId,
    country,
    kind: 'child_protection',
    name: { es: `Protección (${country})`, en: `Protection (${country})` },
    intake: focal('intake'),
    backup: focal('backup'),
    verifiedOn: isoDate(-10),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-bench-referrals-'));
  if (process.getuid?.() === 0) chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), persistent: false });
  const identity = await startTestIdentity();
  try {
    const url = await pg.createDatabase('bench');
    const service = await startService(REFERRALS_SERVICE, {
      env: { DATABASE_URL: url, CRM_DATA_DIR: dir, ...identity.env, RATE_LIMIT_PER_MINUTE: '0' },
      port: 0,
      host: '127.0.0.1',
      features: [],
      log: () => undefined,
    });
    const mx = await identity.bearer('mx.protection_case_worker');
    const http = () => request(service.url);
    const expectStatus = (res: request.Response, status: number, what: string) => {
      if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    };
    expectStatus(
      await http()
        .post('/referrals/institutions')
        .set('Authorization', await identity.bearer('mx.protection_supervisor'))
        .send(institution('MX', 'MX-PROTECCION')),
      201,
      'institution MX',
    );
    expectStatus(
      await http()
        .post('/referrals/institutions')
        .set('Authorization', await identity.bearer('hn.protection_supervisor'))
        .send(institution('HN', 'HN-PROTECCION')),
      201,
      'institution HN',
    );

    const commandLatencies: number[] = [];
    const timedCall = async (call: () => Promise<request.Response>, status: number, what: string) => {
      const t = process.hrtime.bigint();
      const res = await call();
      commandLatencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      expectStatus(res, status, what);
      return res;
    };
    const flow = async (w: number, i: number) => {
      const tag = `${w}-${i}-${randomUUID().slice(0, 8)}`;
      const registered = await timedCall(
        () =>
          http()
            .post('/referrals/cases')
            .set('Authorization', mx)
            .send({
              institutionId: 'MX-PROTECCION',
              indicators: INDICATORS,
              identifying: benchChild(tag),
            }),
        201,
        'register case',
      );
      const caseId = registered.body.caseId as string;
      await timedCall(
        () =>
          http()
            .post(`/referrals/cases/${caseId}/consents`)
            .set('Authorization', mx)
            .send({
              consentId: 'consent-1',
              givenBy: 'child',
              form: 'consent',
              scope: {
                categories: ['identity', 'indicators'],
                countries: ['HN'],
                purpose: ['family_reunification'],
                validUntil: isoDate(180),
              },
            }),
        200,
        'consent',
      );
      const referralId = randomUUID();
      await timedCall(
        () =>
          http()
            .put(`/referrals/referrals/${referralId}`)
            .set('Authorization', mx)
            .send({
              caseId,
              from: { country: 'MX', institutionId: 'MX-PROTECCION' },
              to: { country: 'HN', institutionId: 'HN-PROTECCION' },
              servicesRequested: ['family_reunification'],
              categories: ['identity', 'indicators'],
              urgency: 'routine',
            }),
        200,
        'draft',
      );
      await timedCall(
        () => http().post(`/referrals/referrals/${referralId}/send`).set('Authorization', mx).send({}),
        200,
        'send',
      );
    };
    console.log(
      `${FLOWS} register-and-send flows (4 commands each) by ${CLIENTS} HTTP clients; ${RAW_APPENDS} raw appends by ${CLIENTS} writers`,
    );
    await runLoad(CLIENTS, 2, flow); // warm-up
    commandLatencies.length = 0;
    const flows: LoadResult = await runLoad(CLIENTS, Math.ceil(FLOWS / CLIENTS), flow);
    await service.close();

    const store = await PostgresEventStore.connect({ url, poolSize: CLIENTS + 2 });
    const runId = randomUUID().slice(0, 8);
    const raw = await runLoad(CLIENTS, Math.ceil(RAW_APPENDS / CLIENTS), async (w, i) => {
      await store.appendToStream(
        `benchRaw-${runId}-${w}-${i}`,
        [
          {
            eventId: randomUUID(),
            type: 'BenchAppended',
            schemaVersion: 1,
            data: { indicators: INDICATORS, sealed: 'x'.repeat(400) },
            occurredAt: new Date(),
            actor: {
              subject: 'bench',
              role: 'protection_case_worker',
              country: 'MX',
              institution: 'MX/PROTECCION',
            },
            countries: ['MX', 'HN'],
            correlationId: runId,
          },
        ],
        { expectedRevision: 'no_stream' },
      );
    });
    await store.close();

    const commands = flows.ops * 4;
    console.log(
      table(
        ['measure', 'rate', 'p50 ms', 'p99 ms'],
        [
          [
            'HTTP commands (register, consent, draft, send)',
            `${fmt(commands / flows.seconds, 1)} commands/s`,
            fmt(percentile(commandLatencies, 50), 1),
            fmt(percentile(commandLatencies, 99), 1),
          ],
          [
            'register-and-send flows (4 commands)',
            `${fmt(flows.opsPerSecond, 1)} flows/s`,
            fmt(percentile(flows.latencies, 50), 1),
            fmt(percentile(flows.latencies, 99), 1),
          ],
          [
            'baseline: raw single-event appends (same store, same database)',
            `${fmt(raw.opsPerSecond, 1)} appends/s`,
            fmt(percentile(raw.latencies, 50), 1),
            fmt(percentile(raw.latencies, 99), 1),
          ],
        ],
      ),
    );
    console.log(
      `commands per second / raw appends per second: ${fmt((commands / flows.seconds / raw.opsPerSecond) * 100, 1)} %`,
    );
  } finally {
    await identity.stop();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
