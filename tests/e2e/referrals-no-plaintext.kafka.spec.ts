/**
 * Must-show (issue 10): a scan of every Kafka message and every log line finds no plaintext identifying data of
 * the test children, and the scanner is shown to find such data when it is there (positive controls).
 *
 * - Kafka: EVERY topic of the test broker, from the beginning, every partition, each message's key, value and
 *   headers (tests/support/plaintext-scan.ts): this spec's own topics and whatever the kafka specs that ran before
 *   it in this run (or on a broker given by KAFKA_BROKERS) produced. The kafka project's global teardown
 *   (tests/support/kafka-global-teardown.ts) scans the whole broker again after the last spec, so the order of the
 *   specs does not matter. Needles: the marker every test child's names carry (services/referrals/src/testing/
 *   test-children.ts), the fixed children's strings, and here every exact string of this spec's child.
 * - Logs: the real referral service, in this process, on the real broker, with its Nest logger (the redacting
 *   pino logger of @crm/pii, as production builds it) at level `trace` writing to a capture, its start-up lines,
 *   and everything this process writes to stdout/stderr or the console while it runs, through a full flow:
 *   the directory, a case registered with identifying data (and a 400 with identifying data in a wrong field),
 *   a consent, a referral drafted and sent, acknowledged, accepted, a follow-up with a note about the child,
 *   the disclosed view, the reveal, the erasure.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { createNestLogger } from '@crm/pii';
import { captureLog } from '@crm/pii/testing';
import { referralsFeatures, startReferralsService } from '@crm/referrals';
import { consentScope, indicators, uniqueTestChild } from '@crm/referrals/testing';
import { describeWithKafka, kafkaBrokers } from '@crm/testing';
import { findPlaintext, needlesWith, scanKafka, type Finding } from '../support/plaintext-scan';
import { startServiceOnKafka, waitFor, type ServiceOnKafka } from './support/plan-on-kafka';

const isoDate = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function institutionBody(institutionId: string, country: string) {
  const focal = (id: string) => ({
    focalPointId: `${institutionId}-${id}`,
    languages: ['es'],
    contact: { name: `Punto focal ${id}`, email: `${id}@${country.toLowerCase()}.example.org` },
  });
  return {
    institutionId,
    country,
    kind: 'child_protection',
    name: { es: `Protección de la niñez (${country})`, en: `Child protection (${country})` },
    intake: focal('intake'),
    backup: focal('backup'),
    verifiedOn: isoDate(-10),
  };
}

describeWithKafka('no plaintext identifying data of a test child in any Kafka message or log line', () => {
  const { child, strings } = uniqueTestChild();
  const needles = needlesWith(strings);
  const nestLog = captureLog();
  const startLines: string[] = [];
  const processOutput: string[] = [];
  const restore: Array<() => void> = [];
  const nestLogger = createNestLogger('referrals', { level: 'trace', destination: nestLog.stream });
  let referrals: ServiceOnKafka;
  let admin: Admin;
  let scratchTopic: string;
  const referralId = randomUUID();
  const T = (logical: string) => referrals.topic(logical);
  const logText = () => [nestLog.text(), ...startLines, ...processOutput].join('\n');

  beforeAll(async () => {
    // everything this process writes while the service runs
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        processOutput.push(String(chunk));
        return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => (stream.write = write as typeof stream.write));
    }
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        processOutput.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      });
      restore.push(() => spy.mockRestore());
    }
    referrals = await startServiceOnKafka('referrals_scan', (env, namespace) =>
      startReferralsService({
        env: { ...env, LOG_LEVEL: 'trace' },
        port: 0,
        host: '127.0.0.1',
        logger: nestLogger,
        log: (line) => startLines.push(line),
        features: referralsFeatures({ integration: { topicNamespace: namespace } }),
      }),
    );
    admin = new Kafka({
      clientId: 'plaintext-scan-admin',
      brokers: kafkaBrokers(),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    scratchTopic = T('scratch.plaintext-positive-control');
  }, 400_000);

  afterAll(async () => {
    if (scratchTopic) await admin?.deleteTopics({ topics: [scratchTopic] }).catch(() => undefined);
    await admin?.disconnect();
    await referrals?.stop();
    for (const undo of restore.reverse()) undo();
  }, 120_000);

  const api = async (
    who: string,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    status = 200,
  ) => {
    const res = await referrals.api(who, method, path, body);
    expect({ path, status: res.status, code: res.body?.code }).toEqual({
      path,
      status,
      code: res.body?.code,
    });
    return res.body;
  };

  it('a full referral flow with identifying data through the service (log level trace)', async () => {
    await api(
      'mx.protection_supervisor',
      'POST',
      '/referrals/institutions',
      institutionBody('MX-PROTECCION', 'MX'),
      201,
    );
    await api(
      'hn.protection_supervisor',
      'POST',
      '/referrals/institutions',
      institutionBody('HN-PROTECCION', 'HN'),
      201,
    );
    // identifying data in a field the route does not know: refused (400), and not logged
    await api(
      'mx.protection_case_worker',
      'POST',
      '/referrals/cases',
      {
        institutionId: 'MX-PROTECCION',
        indicators: indicators(),
        identifying: child,
        apodo: child.givenNames,
      },
      400,
    );
    const { caseId } = await api(
      'mx.protection_case_worker',
      'POST',
      '/referrals/cases',
      { institutionId: 'MX-PROTECCION', indicators: indicators(), identifying: child },
      201,
    );
    await api('mx.protection_case_worker', 'POST', `/referrals/cases/${caseId}/consents`, {
      consentId: 'consent-1',
      givenBy: 'child',
      form: 'consent',
      scope: consentScope({ validUntil: isoDate(180) }),
    });
    const p = `/referrals/referrals/${referralId}`;
    await api('mx.protection_case_worker', 'PUT', p, {
      caseId,
      from: { country: 'MX', institutionId: 'MX-PROTECCION' },
      to: { country: 'HN', institutionId: 'HN-PROTECCION' },
      servicesRequested: ['psychosocial', 'family_tracing'],
      categories: ['identity', 'family', 'health'],
      urgency: 'urgent',
    });
    await api('mx.protection_case_worker', 'POST', `${p}/send`, {});
    await api('hn.protection_case_worker', 'POST', `${p}/acknowledge`, {});
    await api('hn.protection_case_worker', 'POST', `${p}/accept`, {});
    await api('hn.protection_case_worker', 'POST', `${p}/follow-ups`, {
      followUpId: 'fu-1',
      services: ['psychosocial'],
      status: 'provided',
      note: `${child.givenNames} asiste a terapia; su tía ${child.familyContacts[0].name} la visita.`,
    });
    const disclosed = await api('hn.national_system', 'GET', `${p}/disclosed-view?purpose=psychosocial`);
    expect(JSON.stringify(disclosed)).toContain(child.givenNames); // the flow really carried the data
    const revealed = await api(
      'mx.protection_case_worker',
      'GET',
      `/referrals/cases/${caseId}/identifying?purpose=seguimiento`,
    );
    expect(JSON.stringify(revealed)).toContain(child.familyNames);
    await api('mx.protection_case_worker', 'POST', `/referrals/cases/${caseId}/erasure`, {
      reason: 'Solicitud SUP-MX-9',
    });
    // the relay published the referral's events on both sides' topics
    await waitFor('four events on crm.HN.out.referrals', async () => {
      const offsets = await admin.fetchTopicOffsets(T('crm.HN.out.referrals')).catch(() => []);
      return offsets.reduce((n, o) => n + Number(o.high), 0) >= 4;
    });
    expect(nestLog.lines.length).toBeGreaterThan(10); // trace and debug lines were written
  });

  let findings: Finding[] = [];
  it('positive controls: a message (key, value, header) and a log line with the child’s data are found', async () => {
    const producer = new Kafka({
      clientId: 'plaintext-control',
      brokers: kafkaBrokers(),
      logLevel: logLevel.NOTHING,
    }).producer();
    await admin.createTopics({ topics: [{ topic: scratchTopic, numPartitions: 1 }], waitForLeaders: true });
    await producer.connect();
    await producer.send({
      topic: scratchTopic,
      messages: [
        {
          key: `k ${child.familyNames}`,
          value: JSON.stringify({ nombre: child.givenNames }),
          headers: { tel: child.familyContacts[0].phone },
        },
      ],
    });
    await producer.disconnect();
    nestLogger.warn(`positive control ${child.dateOfBirth}`, 'PlaintextScan');
    const scan = await scanKafka(kafkaBrokers(), needles);
    findings = scan.findings;
    const inScratch = findings.filter((f) => f.where.startsWith(scratchTopic));
    expect(inScratch.map((f) => `${f.where.replace(/.*@\d+ /, '')}: ${f.needle}`).sort()).toEqual(
      expect.arrayContaining([
        `key: ${child.familyNames}`,
        `value: ${child.givenNames}`,
        `headers: ${child.familyContacts[0].phone}`,
      ]),
    );
    expect(findPlaintext(logText(), needles, 'log').map((f) => f.needle)).toContain(child.dateOfBirth);
    expect(scan.messages).toBeGreaterThan(4);
    console.info(
      `[plaintext scan] ${scan.topics} topics, ${scan.partitions} partitions, ${scan.messages} messages`,
    );
  }, 180_000);

  it('no Kafka message of any topic holds a test child’s data, outside the positive control', () => {
    expect(findings.length).toBeGreaterThan(0); // the control is in the same scan
    expect(findings.filter((f) => !f.where.startsWith(scratchTopic))).toEqual([]);
  });

  it('no log line of the service holds the child’s data, outside the positive control', () => {
    const lines = logText()
      .split('\n')
      .filter((l) => !l.includes('positive control'));
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.flatMap((l, i) => findPlaintext(l, needles, `log line ${i}: ${l.slice(0, 200)}`))).toEqual(
      [],
    );
  });
});
