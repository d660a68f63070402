import { decodeIntegrationEvent, outboundTopic, topicsOf, type IntegrationEvent } from '@crm/contracts';
import type { RecordedEvent } from '@crm/event-store';
import { MemoryBus, MemoryCheckpointStore, type IncomingMessage, type Relay } from '@crm/messaging';
import { eventually } from '@crm/messaging/testing';
import { REFERRAL_EVENT_TYPES } from '../referrals/domain';
import {
  REFERRAL_EVENT_CONTRACTS,
  referralIntegrationMessages,
  referralStreamFold,
  type ReferralStreamState,
} from './referral-event-mapping';
import { caseIndicatorsBefore } from './case-indicators';
import { startReferralsRelay } from './referrals-relay';
import {
  caseIndicators,
  forbiddenStrings,
  representativeHistory,
  ReferralWorld,
  type History,
} from './testing/referral-histories';

const PARTIES = { sender: 'MX', receiver: 'HN', transferee: 'GT' } as const;

async function readAll(bus: MemoryBus, expected: number): Promise<IncomingMessage[]> {
  const got: IncomingMessage[] = [];
  const consumer = await bus.consume({
    groupId: `reader-${Math.random()}`,
    topics: topicsOf('referrals'),
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

function decoded(m: { headers: Record<string, string>; value: Buffer }): IntegrationEvent {
  const result = decodeIntegrationEvent(m);
  if (!result.ok) throw new Error(`${result.code} ${result.message.en}`);
  return result.event;
}

type Data = Record<string, unknown>;

describe('referral relay mapping: domain events -> integration events', () => {
  let relay: Relay | undefined;
  let world: ReferralWorld;
  let history: History;
  let recorded: RecordedEvent[];
  let messages: Array<{ m: IncomingMessage; e: IntegrationEvent; data: Data }>;

  beforeAll(async () => {
    world = new ReferralWorld();
    history = await representativeHistory(world, PARTIES);
    recorded = (await world.store.readAll()).filter((e) => e.streamName.startsWith('referral-'));
    const bus = new MemoryBus();
    relay = await startReferralsRelay({ store: world.store, bus, checkpoints: new MemoryCheckpointStore() });
    // full: 8 events × 2 countries + 2 transfer proposals, 2 answers and the closure × 3 + 2 withdrawal events × 2;
    // declined, revoked, sent in error: 2 events × 2 each
    messages = (await readAll(bus, 47)).map((m) => {
      const e = decoded(m);
      return { m, e, data: e.data as Data };
    });
    await relay.stop();
    relay = undefined;
  });

  afterAll(async () => relay?.stop());

  it('decides every domain event type explicitly (a new type without a decision fails here)', () => {
    expect(Object.keys(REFERRAL_EVENT_CONTRACTS).sort()).toEqual([...REFERRAL_EVENT_TYPES].sort());
    for (const type of REFERRAL_EVENT_TYPES) expect(REFERRAL_EVENT_CONTRACTS).toHaveProperty(type);
    expect(new Set(recorded.map((e) => e.type))).toEqual(new Set(REFERRAL_EVENT_TYPES)); // the history has each
  });

  it('publishes each event once per concerned country, with that country, id = domain event id, key = stream', () => {
    expect(messages).toHaveLength(47);
    const byId = new Map(recorded.map((e) => [e.metadata.eventId, e]));
    for (const { m, e, data } of messages) {
      const source = byId.get(e.id)!;
      expect(source).toBeDefined();
      expect(m.key).toBe(source.streamName);
      expect(e.subject).toBe(source.streamName);
      expect(m.topic).toBe(outboundTopic(e.country as 'HN', 'referrals'));
      expect(data.country).toBe(e.country);
      expect(source.metadata.countries).toContain(e.country);
      expect(data.revision).toBe(source.revision);
    }
    // every copy of an event is identical but for its country
    for (const id of new Set(messages.map(({ e }) => e.id))) {
      const copies = messages
        .filter(({ e }) => e.id === id)
        .map(({ data: { country: _c, ...rest } }) => rest);
      for (const copy of copies) expect(copy).toEqual(copies[0]);
    }
  });

  it('publishes nothing of drafts (nor of a draft marked in error)', () => {
    const internal = recorded.filter(
      (e) =>
        e.type === 'ReferralDrafted' ||
        e.type === 'ReferralDraftUpdated' ||
        e.streamName === `referral-${history.draftInError}`,
    );
    expect(internal.length).toBeGreaterThan(5);
    const ids = new Set(messages.map(({ e }) => e.id));
    for (const e of internal) expect(ids.has(e.metadata.eventId)).toBe(false);
  });

  it('the full referral reaches the sender and receiver, the transferee from its proposal on, in stream order', () => {
    const of = (country: string) =>
      messages
        .filter(({ e, data }) => e.country === country && data.referralId === history.full)
        .map(({ e, data }) => `${e.type}${data.status ? `:${String(data.status)}` : ''}`);
    const sequence = [
      'referrals.referral.sent:requested',
      'referrals.referral.reminder-sent:requested',
      'referrals.referral.escalated:requested',
      'referrals.referral.status-changed:acknowledged',
      'referrals.referral.status-changed:accepted',
      'referrals.referral.status-changed:in_progress',
      'referrals.referral.follow-up-reported:in_progress',
      'referrals.referral.follow-up-reported:in_progress',
      'referrals.referral.transfer-requested:in_progress',
      'referrals.referral.transfer-decided:in_progress',
      'referrals.referral.consent-withdrawal-notified:in_progress',
      'referrals.referral.consent-withdrawal-acknowledged:in_progress',
      'referrals.referral.transfer-requested:in_progress',
      'referrals.referral.transfer-decided:accepted',
      'referrals.referral.status-changed:completed',
    ];
    expect(of('MX')).toEqual(sequence);
    expect(of('HN')).toEqual(sequence);
    // Guatemala: from the first proposal on, except what happened between the declined transfer and the next
    expect(of('GT')).toEqual([
      'referrals.referral.transfer-requested:in_progress',
      'referrals.referral.transfer-decided:in_progress',
      'referrals.referral.transfer-requested:in_progress',
      'referrals.referral.transfer-decided:accepted',
      'referrals.referral.status-changed:completed',
    ]);
    expect(messages.filter(({ e }) => !['MX', 'HN', 'GT'].includes(e.country))).toEqual([]);
  });

  it('sent carries the case reference, the basis kind, the non-identifying indicators of the shared categories and the view path', () => {
    const sent = messages.find(
      ({ e, data }) => e.type === 'referrals.referral.sent' && data.referralId === history.full,
    )!.data;
    const indicators = caseIndicators();
    expect(sent).toMatchObject({
      caseRef: history.caseId,
      from: { country: 'MX', institutionId: 'MX-DINAF' },
      to: { country: 'HN', institutionId: 'HN-DINAF' },
      status: 'requested',
      fhirStatus: 'requested',
      basis: 'consent',
      urgency: 'urgent',
      servicesRequested: ['psychosocial', 'family_reunification'], // the vocabulary's order
      sharedCategories: ['identity', 'indicators', 'protection'],
      withheldCategories: ['health'],
      viewPath: `/referrals/referrals/${history.full}/disclosed-view`,
      indicators: {
        ageBand: indicators.ageBand,
        sex: indicators.sex,
        nationality: 'HN',
        countryOfOrigin: 'HN',
        countryOfDetection: 'MX',
        countryOfDestination: 'US',
        migrationStage: 'in_transit',
        accompaniment: 'unaccompanied',
        needsInterpreter: false,
      },
      protectionNeeds: ['violence_victim'],
      actor: { subject: 'mx-case-worker-01', role: 'protection_case_worker' },
    });
    const keys = Object.keys(sent.indicators as object);
    for (const identifyingAdjacent of ['ageYears', 'detectedOn', 'detectionAdminArea', 'healthNeeds'])
      expect(keys).not.toContain(identifyingAdjacent);
  });

  it('an override is published as its kind only; status changes carry codes only', () => {
    const revoked = messages.filter(({ data }) => data.referralId === history.revoked);
    expect(revoked.find(({ e }) => e.type === 'referrals.referral.sent')!.data.basis).toBe('override');
    expect(revoked.find(({ e }) => e.type === 'referrals.referral.status-changed')!.data).toMatchObject({
      revokeReason: 'other',
      hasNote: true,
      status: 'revoked',
      previousStatus: 'requested',
      fhirStatus: 'cancelled',
    });
    const declined = messages.find(
      ({ e, data }) => e.type === 'referrals.referral.status-changed' && data.referralId === history.declined,
    )!.data;
    expect(declined).toMatchObject({
      status: 'declined',
      fhirStatus: 'rejected',
      declineReason: 'no_capacity',
    });
    const inError = messages.find(
      ({ e, data }) =>
        e.type === 'referrals.referral.status-changed' && data.referralId === history.sentInError,
    )!.data;
    expect(inError).toMatchObject({
      status: 'entered_in_error',
      previousStatus: 'requested',
      enteredInErrorReason: 'other',
      hasNote: true,
    });
    const completed = messages.find(
      ({ data }) => data.referralId === history.full && data.status === 'completed',
    )!.data;
    expect(completed).toMatchObject({
      outcome: 'reunified',
      to: { country: 'GT' },
      actor: { role: 'protection_case_worker', subject: 'gt-case-worker-01' },
    });
    const followUp = messages.find(({ e }) => e.type === 'referrals.referral.follow-up-reported')!.data;
    const transfer = messages.find(({ e }) => e.type === 'referrals.referral.transfer-requested')!.data;
    expect(transfer).toMatchObject({ transferReason: 'other', hasNote: true, transferee: { country: 'GT' } });
    const transferDeclined = messages.find(
      ({ e, data }) => e.type === 'referrals.referral.transfer-decided' && data.decision === 'declined',
    )!.data;
    expect(transferDeclined).toMatchObject({ declineReason: 'other', hasNote: true });
    expect(followUp).toMatchObject({
      followUpId: 'fu-1',
      side: 'receiver',
      followUpStatus: 'provided',
      hasNote: true,
    });
    const escalated = messages.find(({ e }) => e.type === 'referrals.referral.escalated')!.data;
    expect(escalated).toMatchObject({ step: 'acknowledge', level: 1, escalatedTo: 'backup_focal_point' });
    expect(escalated.nextDueAt).toEqual(expect.any(String));
    const accepted = messages.find(
      ({ e, data }) => e.type === 'referrals.referral.transfer-decided' && data.decision === 'accepted',
    )!.data;
    expect(accepted).toMatchObject({
      transferId: 'transfer-2',
      previousReceiver: { country: 'HN' },
      transferee: { country: 'GT' },
      categories: ['indicators', 'protection'],
      viewPath: `/referrals/referrals/${history.full}/disclosed-view`,
    });
  });

  it('no message carries a note, a free-text reason, identifying data or their ciphertexts', () => {
    for (const { m } of messages) {
      const text = `${m.value.toString('utf8')} ${JSON.stringify(m.headers)}`;
      for (const secret of forbiddenStrings()) expect(text).not.toContain(secret);
      expect(text).not.toContain('MARCADOR');
      expect(text).not.toMatch(/"(note|reason|text|fields|ageYears|detectedOn|identifying)"/);
      expect(text).not.toContain('"subject":"child-'); // no record encrypted under the child's key
    }
  });
});

describe('referral relay: restarts and the case state at sending', () => {
  it('after a restart from its checkpoint, maps with the states read back, and the indicators as they were when sent', async () => {
    const world = new ReferralWorld();
    const caseId = await world.registerCase('MX');
    const referralId = '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b';
    const mx = { subject: 'mx-1', role: 'protection_case_worker', country: 'MX' as const };
    const hn = { subject: 'hn-1', role: 'protection_case_worker', country: 'HN' as const };
    await world.later(1).act(mx, {
      type: 'DraftReferral',
      referralId,
      caseId,
      from: { country: 'MX', institutionId: 'MX-DIF' },
      to: { country: 'HN', institutionId: 'HN-DINAF' },
      servicesRequested: ['shelter'],
      categories: ['indicators'],
      urgency: 'routine',
    });
    await world.later(1).act(mx, {
      type: 'SendReferral',
      referralId,
      consent: { kind: 'consent', consentIds: ['c-1'], covered: ['indicators'] },
      deadlines: { acknowledgeBy: '2020-07-10T00:00:00.000Z', decideBy: '2020-07-20T00:00:00.000Z' },
    });
    await world
      .later(1)
      .updateIndicators(caseId, caseIndicators({ sex: 'other', migrationStage: 'returned' }));

    const bus = new MemoryBus();
    const checkpoints = new MemoryCheckpointStore();
    let relay = await startReferralsRelay({ store: world.store, bus, checkpoints });
    await readAll(bus, 2);
    await eventually(
      () => relay.checkpoint !== undefined && relay.caughtUp,
      5000,
      () => 'checkpoint',
    );
    await relay.stop();

    await world.later(1).act(hn, { type: 'AcceptReferral', referralId });
    relay = await startReferralsRelay({ store: world.store, bus, checkpoints });
    const all = (await readAll(bus, 2 + 4)).map(decoded);
    await relay.stop();
    const sent = all.find((e) => e.type === 'referrals.referral.sent')!.data as Data;
    expect(sent.indicators).toMatchObject({ sex: 'female', migrationStage: 'in_transit' }); // as at sending
    expect(sent).not.toHaveProperty('protectionNeeds'); // protection not shared
    const changes = all
      .filter((e) => e.type === 'referrals.referral.status-changed')
      .map((e) => e.data as Data);
    const of = (country: string) =>
      changes.filter((d) => d.country === country).map((d) => [d.previousStatus, d.status]);
    for (const country of ['MX', 'HN'])
      expect(of(country)).toEqual([
        ['requested', 'acknowledged'],
        ['acknowledged', 'accepted'],
      ]);
    expect(changes).toHaveLength(4);
  });

  it('a referral sharing no indicators carries none; the case is read as it stood at a position; a case id that names no case stream gives none', async () => {
    const world = new ReferralWorld();
    const referralId = '5a6b7c8d-1e2f-4a3b-9c4d-5e6f7a8b9c0d';
    const mx = { subject: 'mx-1', role: 'protection_case_worker', country: 'MX' as const };
    const caseId = await world.registerCase('MX');
    await world.act(mx, {
      type: 'DraftReferral',
      referralId,
      caseId,
      from: { country: 'MX', institutionId: 'MX-DIF' },
      to: { country: 'HN', institutionId: 'HN-DINAF' },
      servicesRequested: ['shelter'],
      categories: ['indicators', 'identity'],
      urgency: 'routine',
    });
    await world.act(mx, {
      type: 'SendReferral',
      referralId,
      consent: { kind: 'consent', consentIds: ['c-1'], covered: ['identity'] },
      deadlines: { acknowledgeBy: '2020-07-10T00:00:00.000Z', decideBy: '2020-07-20T00:00:00.000Z' },
    });
    const [drafted, sent] = await world.store.readStream(`referral-${referralId}`);
    const before = referralStreamFold.evolve(referralStreamFold.initial(sent!.streamName), drafted!);
    const out = referralIntegrationMessages(sent!, { before, caseIndicators: caseIndicators() });
    expect(out.map((m) => m.topic)).toEqual(['crm.MX.out.referrals', 'crm.HN.out.referrals']);
    const data = decoded({ headers: out[0]!.headers ?? {}, value: out[0]!.value }).data as Data;
    expect(data).not.toHaveProperty('indicators'); // 'indicators' withheld: not covered
    expect(data.sharedCategories).toEqual(['identity']);

    expect(await caseIndicatorsBefore(world.store, caseId, sent!.position)).toEqual(caseIndicators());
    const [registered] = await world.store.readStream(`referralCase-${caseId}`);
    expect(await caseIndicatorsBefore(world.store, caseId, registered!.position)).toBeNull(); // not yet registered
    expect(await caseIndicatorsBefore(world.store, 'legacy-case-7', sent!.position)).toBeNull();
  });

  it('refuses (throws) rather than publish an event of a referral it has no state for; ignores other streams', async () => {
    const world = new ReferralWorld();
    await representativeHistory(world, PARTIES);
    const events = (await world.store.readAll()).filter((e) => e.streamName.startsWith('referral-'));
    const accepted = events.find((e) => e.type === 'ReferralAccepted')!;
    const empty: ReferralStreamState = referralStreamFold.initial(accepted.streamName);
    expect(() => referralIntegrationMessages(accepted, { before: empty })).toThrow(
      /no sent referral before it/,
    );
    expect(
      referralIntegrationMessages(accepted, { before: referralStreamFold.initial('referralCase-x') }),
    ).toEqual([]);
  });
});
