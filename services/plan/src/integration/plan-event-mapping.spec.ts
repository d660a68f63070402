import {
  decodeIntegrationEvent,
  outboundTopic,
  regionalTopic,
  topicsOf,
  type IntegrationEvent,
} from '@crm/contracts';
import type { RecordedEvent } from '@crm/event-store';
import { MemoryBus, MemoryCheckpointStore, type IncomingMessage, type Relay } from '@crm/messaging';
import { eventually } from '@crm/messaging/testing';
import { contractCatalogueVersion, planIntegrationMessages, planStreamFold } from './plan-event-mapping';
import { startPlanRelay } from './plan-relay';
import { COORDINATOR, HN_OFFICER, planWorld } from '../testing/plan-world';
import { AmendCatalogueCommand } from '../catalogue/commands/amend-catalogue/amend-catalogue.command';
import { ApproveReportCommand } from '../reports/commands/approve-report/approve-report.command';
import { ReopenReportCommand } from '../reports/commands/reopen-report/reopen-report.command';
import { ReturnReportCommand } from '../reports/commands/return-report/return-report.command';
import { SaveDraftCommand } from '../reports/commands/save-draft/save-draft.command';
import { SubmitReportCommand } from '../reports/commands/submit-report/submit-report.command';

const REPORT = { country: 'HN', activityId: 'IV.1.1.1', period: '2020-S1' } as const;
const NARRATIVE = 'Taller con personal consular MARCADOR-NARRATIVA';
const EVIDENCE = 'https://www.example.org/evidencia-marcador.pdf';
const INDICATOR = 'Indicador-marcador';

async function readAll(bus: MemoryBus, expected: number): Promise<IncomingMessage[]> {
  const got: IncomingMessage[] = [];
  const consumer = await bus.consume({
    groupId: `reader-${Math.random()}`,
    topics: topicsOf('plan'),
    handler: async (m) => void got.push(m),
  });
  await eventually(
    () => got.length >= expected,
    10_000,
    () => `${got.length}/${expected} integration messages`,
  );
  await new Promise((r) => setTimeout(r, 50)); // nothing more than expected
  await consumer.stop();
  return got;
}

function decoded(m: IncomingMessage): IntegrationEvent {
  const result = decodeIntegrationEvent(m);
  if (!result.ok) throw new Error(`${m.topic}: ${result.code} ${result.message.en}`);
  return result.event;
}

describe('plan relay mapping: domain events -> integration events', () => {
  let relay: Relay | undefined;
  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
  });

  it('publishes every report transition only to its country topic, every catalogue change only to the regional topic, drafts to none, no personal data', async () => {
    const { store, commandBus } = await planWorld();
    const content = {
      status: 'in_progress' as const,
      narrative: { es: NARRATIVE },
      evidence: [EVIDENCE],
      indicators: [{ indicator: INDICATOR, value: 3 }],
    };
    await commandBus.execute(new SaveDraftCommand(HN_OFFICER, { ...REPORT, content }));
    await commandBus.execute(new SubmitReportCommand(HN_OFFICER, REPORT));
    await commandBus.execute(
      new ReturnReportCommand(COORDINATOR, { ...REPORT, comments: { es: 'Agregue evidencia.' } }),
    );
    await commandBus.execute(
      new SaveDraftCommand(HN_OFFICER, { ...REPORT, content: { ...content, status: 'completed' } }),
    );
    await commandBus.execute(new SubmitReportCommand(HN_OFFICER, REPORT));
    await commandBus.execute(new ApproveReportCommand(COORDINATOR, REPORT));
    await commandBus.execute(
      new ReopenReportCommand(COORDINATOR, { ...REPORT, reason: { en: 'Indicator figures corrected.' } }),
    );
    await commandBus.execute(
      new AmendCatalogueCommand(COORDINATOR, {
        type: 'changeSchedule',
        activityId: 'IV.1.1.1',
        year: 2019,
        value: 'Continuo',
        reason: { es: 'Acuerdo de la Red.' },
      }),
    );

    const bus = new MemoryBus();
    relay = await startPlanRelay({ store, bus, checkpoints: new MemoryCheckpointStore() });
    // 5 report events on crm.HN.out.plan + 2 catalogue events (import, amendment) on crm.regional.plan
    const messages = await readAll(bus, 5 + 2);
    expect(messages).toHaveLength(7);

    const recorded = await store.readAll();
    const byId = new Map(recorded.map((e) => [e.metadata.eventId, e]));
    const events = messages.map((m) => ({ m, e: decoded(m) }));
    for (const { m, e } of events) {
      const source = byId.get(e.id);
      expect(source).toBeDefined(); // CloudEvents id = domain event id
      expect(m.key).toBe(source!.streamName);
      const text = m.value.toString('utf8');
      for (const secret of [NARRATIVE, 'MARCADOR', EVIDENCE, INDICATOR]) expect(text).not.toContain(secret);
    }

    const reportEvents = events.filter(({ e }) => e.type.startsWith('plan.report.'));
    const types = (topic: string) => reportEvents.filter(({ m }) => m.topic === topic).map(({ e }) => e.type);
    const sequence = [
      'plan.report.submitted',
      'plan.report.returned',
      'plan.report.submitted',
      'plan.report.approved',
      'plan.report.reopened',
    ];
    expect(types(outboundTopic('HN', 'plan'))).toEqual(sequence);
    expect(reportEvents.map(({ m }) => m.topic)).toEqual(sequence.map(() => outboundTopic('HN', 'plan'))); // nowhere else
    expect(types(regionalTopic('plan'))).toEqual([]);
    expect(
      reportEvents.every(({ e }) => e.country === 'HN' && e.subject === 'planReport-HN-IV.1.1.1-2020-S1'),
    ).toBe(true);
    const draftIds = recorded.filter((r) => r.type === 'ReportDrafted').map((r) => r.metadata.eventId);
    expect(draftIds).toHaveLength(2);
    expect(events.some(({ e }) => draftIds.includes(e.id))).toBe(false);

    const [firstSubmitted, , secondSubmitted, approved, reopened] = reportEvents
      .filter(({ m }) => m.topic === outboundTopic('HN', 'plan'))
      .map(({ e }) => e.data as Record<string, unknown>);
    expect(firstSubmitted).toMatchObject({
      country: 'HN',
      reportId: 'planReport-HN-IV.1.1.1-2020-S1',
      status: 'in_progress',
      late: false,
      catalogueVersion: '2017-2022.1',
      actor: { subject: 'hn-reporting-officer-01', role: 'reporting_officer' },
    });
    expect(secondSubmitted).toMatchObject({ status: 'completed' });
    expect(approved).toMatchObject({
      status: 'completed',
      approvedVersion: 1,
      actor: { subject: 'st-coordinator-01', role: 'secretariat_coordinator' },
    });
    expect(reopened).toMatchObject({
      status: 'completed',
      previousApprovedVersion: 1,
      reason: { en: 'Indicator figures corrected.' },
    });

    const catalogue = events.filter(({ e }) => e.type === 'plan.catalogue.amended');
    const expectedTopics = [regionalTopic('plan')];
    const amendment = catalogue.filter(
      ({ e }) => (e.data as { catalogueVersion: string }).catalogueVersion === '2017-2022.2',
    );
    expect(amendment.map(({ m }) => m.topic)).toEqual(expectedTopics);
    expect(amendment[0]!.e.country).toBe('ST');
    expect(amendment[0]!.e.data).toMatchObject({
      previousCatalogueVersion: '2017-2022.1',
      changes: [{ kind: 'schedule_changed', activityId: 'IV.1.1.1' }],
      summary: { es: 'Acuerdo de la Red.' },
    });
    const imported = catalogue.filter(
      ({ e }) => (e.data as { catalogueVersion: string }).catalogueVersion === '2017-2022.1',
    );
    expect(imported.map(({ m }) => m.topic)).toEqual(expectedTopics);
    expect((imported[0]!.e.data as { changes: unknown[] }).changes.length).toBeGreaterThan(90);
  });

  it('after a restart from its checkpoint, maps an event with the state read back from the stream', async () => {
    const { store, commandBus } = await planWorld();
    await commandBus.execute(
      new SaveDraftCommand(HN_OFFICER, {
        ...REPORT,
        content: { status: 'delayed', narrative: { en: 'Postponed.' } },
      }),
    );
    await commandBus.execute(new SubmitReportCommand(HN_OFFICER, REPORT));
    const bus = new MemoryBus();
    const checkpoints = new MemoryCheckpointStore();
    relay = await startPlanRelay({ store, bus, checkpoints });
    await readAll(bus, 1 + 1);
    await eventually(
      () => relay!.checkpoint !== undefined && relay!.caughtUp,
      5000,
      () => 'first relay checkpoint',
    );
    await relay.stop();

    await commandBus.execute(new ApproveReportCommand(COORDINATOR, { ...REPORT, comments: { es: 'Bien.' } }));
    relay = await startPlanRelay({ store, bus, checkpoints });
    const all = await readAll(bus, 1 + 1 + 1);
    const approved = all.map(decoded).filter((e) => e.type === 'plan.report.approved');
    expect(approved).toHaveLength(1);
    expect(approved[0]!.data).toMatchObject({
      status: 'delayed',
      approvedVersion: 1,
      comments: { es: 'Bien.' },
    });
  });

  it('refuses (throws) rather than publish an event that cannot satisfy its contract', () => {
    const submitted = {
      streamName: 'planReport-HN-IV.1.1.1-2020-S1',
      revision: 1,
      position: 2n,
      type: 'ReportSubmitted',
      data: {
        ...REPORT,
        submittedAt: '2020-07-10T15:00:00.000Z',
        submittedBy: 'x',
        late: false,
        window: {
          period: '2020-S1',
          opensAt: '2020-07-01T00:00:00.000Z',
          closesAt: '2020-08-01T00:00:00.000Z',
        },
      },
      metadata: {
        eventId: 'e',
        type: 'ReportSubmitted',
        schemaVersion: 1,
        occurredAt: '',
        recordedAt: '2020-07-10T15:00:00.000Z',
        actor: { subject: 's', role: 'reporting_officer', country: 'HN' },
        countries: ['HN'],
        correlationId: 'c',
        causationId: null,
        previousHash: '',
        hash: '',
      },
    } as RecordedEvent;
    expect(() => planIntegrationMessages(submitted, planStreamFold.initial(submitted.streamName))).toThrow(
      /no reported status/,
    );
    expect(planIntegrationMessages(submitted, planStreamFold.initial('planWindows-2020-S1'))).toEqual([]);
  });

  it("writes the service catalogue label in the contracts' format", () => {
    expect(contractCatalogueVersion('2017-2022@3')).toBe('2017-2022.3');
  });
});
