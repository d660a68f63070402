import {
  MemoryEventStore,
  WrongExpectedRevisionError,
  verifyStream,
  type EventStore,
} from '@crm/event-store';
import { fixedClock, PreconditionFailedError } from '@crm/kernel';
import { handleCommand, type CommandContext, type HandleCommandOptions } from './command-handler';
import { commandEventId, uuidV5 } from './event-id';
import { toDomainEvent } from './event-mapping';
import { readState } from './read-state';
import { counterDecider, type CounterCommand, type CounterEvent } from './sample/counter-decider';
import { StaleRevisionError } from './stale-revision';

const STREAM = 'counter-HN-1';
const clock = fixedClock('2020-06-30T12:00:00.000Z');

function ctx(commandId: string, overrides: Partial<CommandContext['envelope']> = {}): CommandContext {
  return {
    clock,
    envelope: {
      commandId,
      actor: { subject: 'user-hn-1', role: 'focal_point', country: 'HN', institution: 'DINAF' },
      countries: ['HN'],
      correlationId: `corr-${commandId}`,
      ...overrides,
    },
  };
}

type Extra = Partial<
  Pick<HandleCommandOptions<CounterCommand, CounterEvent, unknown>, 'maxRetries' | 'expectedRevision'>
>;

const run = (
  store: Pick<EventStore, 'readStream' | 'appendToStream'>,
  command: CounterCommand,
  commandId: string,
  extra: Extra = {},
) =>
  handleCommand({
    store,
    decider: counterDecider,
    streamName: STREAM,
    command,
    context: ctx(commandId),
    ...extra,
  });

type RacingStore = EventStore & { appends: number; expected: unknown[] };
let otherWriters = 0;

/** A store that lets `concurrentWrites` other writers append to the stream just before each of our appends. */
function racingStore(inner: MemoryEventStore, concurrentWrites: number): RacingStore {
  let left = concurrentWrites;
  const racing = Object.create(inner) as RacingStore;
  racing.appends = 0;
  racing.expected = [];
  racing.appendToStream = async (stream, events, options) => {
    racing.appends++;
    racing.expected.push(options?.expectedRevision);
    if (left > 0) {
      left--;
      await run(inner, { type: 'Increment', by: 1 }, `other-${++otherWriters}`);
    }
    return inner.appendToStream(stream, events, options);
  };
  return racing;
}

describe('handleCommand', () => {
  let store: MemoryEventStore;
  beforeEach(() => {
    store = new MemoryEventStore({ clock });
  });

  it('given an empty stream, appends with no_stream and envelope metadata, returns the new state', async () => {
    const r = await run(store, { type: 'Increment', by: 2 }, 'cmd-1');
    expect(r).toMatchObject({
      written: true,
      alreadyApplied: false,
      attempts: 1,
      nextExpectedRevision: 0,
      state: { value: 2 },
    });
    const [e] = await store.readStream(STREAM);
    expect(e.metadata).toMatchObject({
      eventId: commandEventId('cmd-1', 0),
      type: 'Incremented',
      schemaVersion: 1,
      occurredAt: '2020-06-30T12:00:00.000Z',
      actor: { subject: 'user-hn-1', country: 'HN' },
      countries: ['HN'],
      correlationId: 'corr-cmd-1',
      causationId: 'cmd-1',
    });
    expect(toDomainEvent(e)).toEqual({
      type: 'Incremented',
      data: { by: 2, at: '2020-06-30T12:00:00.000Z' },
      schemaVersion: 1,
    });
  });

  it('given a stream, appends at its revision and folds the history first', async () => {
    await run(store, { type: 'Increment', by: 4 }, 'cmd-1');
    await run(store, { type: 'Increment', by: 5 }, 'cmd-2');
    const r = await run(store, { type: 'Increment', by: 1 }, 'cmd-3');
    expect(r.events.map((e) => e.type)).toEqual(['Incremented', 'LimitReached']);
    expect(r).toMatchObject({ nextExpectedRevision: 3, state: { value: 10, full: true } });
    const stored = await store.readStream(STREAM);
    expect(stored.map((e) => e.metadata.eventId)).toEqual([
      commandEventId('cmd-1', 0),
      commandEventId('cmd-2', 0),
      commandEventId('cmd-3', 0),
      commandEventId('cmd-3', 1),
    ]);
    expect(verifyStream(stored).ok).toBe(true);
  });

  it('a refused command throws the decider’s error and writes nothing', async () => {
    await run(store, { type: 'Increment', by: 9 }, 'cmd-1');
    await expect(run(store, { type: 'Increment', by: 5 }, 'cmd-2')).rejects.toMatchObject({
      code: 'counter.over_limit',
    });
    expect(await store.readStream(STREAM)).toHaveLength(1);
  });

  it('a no-op decision appends nothing (the stream is not even created)', async () => {
    const racing = racingStore(store, 0);
    const r = await run(racing, { type: 'Reset' }, 'cmd-1');
    expect(r).toMatchObject({ events: [], written: false, nextExpectedRevision: -1, state: { value: 0 } });
    expect(racing.appends).toBe(0);
    expect(await store.readStream(STREAM)).toEqual([]);
  });

  it('by default a conflict is not decided again: the store’s 409 surfaces and nothing of the command is stored', async () => {
    await run(store, { type: 'Increment', by: 1 }, 'cmd-0');
    const racing = racingStore(store, 1);
    const error = await run(racing, { type: 'Increment', by: 3 }, 'cmd-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ code: 'event_store.wrong_expected_revision', kind: 'conflict' });
    expect(racing.appends).toBe(1);
    const stored = await store.readStream(STREAM);
    expect(stored.map((e) => e.metadata.eventId)).not.toContain(commandEventId('cmd-1', 0));
  });

  it('with maxRetries, a conflict is retried on fresh state: it succeeds after a concurrent write', async () => {
    await run(store, { type: 'Increment', by: 1 }, 'cmd-0');
    const racing = racingStore(store, 1);
    const r = await run(racing, { type: 'Increment', by: 3 }, 'cmd-1', { maxRetries: 1 });
    expect(r).toMatchObject({ attempts: 2, written: true, nextExpectedRevision: 2, state: { value: 5 } });
    expect(racing.appends).toBe(2);
    const stored = await store.readStream(STREAM);
    expect(stored.map((e) => e.data)).toEqual([
      expect.objectContaining({ by: 1 }),
      expect.objectContaining({ by: 1 }),
      expect.objectContaining({ by: 3 }),
    ]);
    expect(stored[2].metadata.eventId).toBe(commandEventId('cmd-1', 0));
  });

  it('the retry decides again: a concurrent write can turn the command into a refusal', async () => {
    await run(store, { type: 'Increment', by: 9 }, 'cmd-0');
    const racing = racingStore(store, 1); // the other writer takes the counter to 10
    await expect(run(racing, { type: 'Increment', by: 1 }, 'cmd-1', { maxRetries: 1 })).rejects.toMatchObject(
      {
        code: 'counter.over_limit',
      },
    );
    expect(await store.readStream(STREAM)).toHaveLength(3); // 9, +1, LimitReached: nothing from cmd-1
  });

  it('gives up after maxRetries conflicts and rethrows WrongExpectedRevisionError', async () => {
    const racing = racingStore(store, 10);
    const error = await run(racing, { type: 'Increment', by: 1 }, 'cmd-1', { maxRetries: 2 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(racing.appends).toBe(3); // the first attempt and two retries
    const stored = await store.readStream(STREAM);
    expect(stored.map((e) => e.metadata.eventId)).not.toContain(commandEventId('cmd-1', 0));
  });

  it('refuses a negative or fractional maxRetries or expectedRevision (a programming error)', async () => {
    await expect(run(store, { type: 'Reset' }, 'cmd-1', { maxRetries: -1 })).rejects.toThrow('maxRetries');
    await expect(run(store, { type: 'Reset' }, 'cmd-1', { expectedRevision: -2 })).rejects.toThrow(
      'expectedRevision',
    );
    await expect(run(store, { type: 'Reset' }, 'cmd-1', { expectedRevision: 0.5 })).rejects.toThrow(
      'expectedRevision',
    );
  });

  it('a client retry with the same commandId writes nothing new and returns the recorded events', async () => {
    const first = await run(store, { type: 'Increment', by: 9 }, 'cmd-1');
    await run(store, { type: 'Increment', by: 1 }, 'cmd-2'); // the counter is now full: deciding cmd-1 again would refuse
    const racing = racingStore(store, 0);
    const again = await run(racing, { type: 'Increment', by: 9 }, 'cmd-1');
    expect(again).toMatchObject({ written: false, alreadyApplied: true, nextExpectedRevision: 2 });
    expect(again.events).toEqual(first.events.map((e) => ({ ...e, schemaVersion: 1 })));
    expect(racing.appends).toBe(0);
    expect(await store.readStream(STREAM)).toHaveLength(3);
  });

  it('a retry whose first attempt was stored but unacknowledged is absorbed by the store’s idempotent append', async () => {
    // the lost-acknowledgement case: the events are stored while the handler thinks the stream is older
    const lost = Object.create(store) as EventStore;
    let first = true;
    lost.readStream = async (stream, options) => {
      const events = await store.readStream(stream, options);
      if (first) {
        first = false;
        await run(store, { type: 'Increment', by: 2 }, 'cmd-1'); // "the earlier attempt" lands now
      }
      return events;
    };
    const r = await run(lost, { type: 'Increment', by: 2 }, 'cmd-1');
    expect(r.written).toBe(false);
    expect(await store.readStream(STREAM)).toHaveLength(1);
  });

  it('uses a custom toNewEvent for per-event countries', async () => {
    await handleCommand({
      store,
      decider: counterDecider,
      streamName: STREAM,
      command: { type: 'Increment', by: 1 },
      context: ctx('cmd-1', { causationId: 'alert-7' }),
      toNewEvent: (event, c) => ({
        eventId: c.eventId,
        type: event.type,
        schemaVersion: 2,
        data: event.data,
        occurredAt: c.now,
        actor: c.envelope.actor,
        countries: ['HN', 'GT'],
        correlationId: c.envelope.correlationId,
        causationId: c.envelope.causationId,
      }),
    });
    const [e] = await store.readStream(STREAM);
    expect(e.metadata).toMatchObject({ countries: ['HN', 'GT'], schemaVersion: 2, causationId: 'alert-7' });
  });
});

describe('handleCommand with the revision the caller decided on (expectedRevision, HTTP If-Match)', () => {
  let store: MemoryEventStore;
  beforeEach(async () => {
    store = new MemoryEventStore({ clock });
    await run(store, { type: 'Increment', by: 1 }, 'cmd-0'); // revision 0
  });

  it('at the current revision: decides and appends expecting exactly that revision', async () => {
    const racing = racingStore(store, 0);
    const r = await run(racing, { type: 'Increment', by: 2 }, 'cmd-1', { expectedRevision: 0 });
    expect(r).toMatchObject({ written: true, nextExpectedRevision: 1, state: { value: 3 } });
    expect(racing.expected).toEqual([0]);
  });

  it('at an older revision: 412 StaleRevisionError with es/en text and {expected, actual}; nothing decided or stored', async () => {
    await run(store, { type: 'Increment', by: 1 }, 'other'); // someone else's change: revision 1
    const racing = racingStore(store, 0);
    const error = await run(racing, { type: 'Increment', by: 2 }, 'cmd-1', { expectedRevision: 0 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StaleRevisionError);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect(error).toMatchObject({
      code: 'command.stale_revision',
      kind: 'precondition_failed',
      details: { expected: 0, actual: 1 },
    });
    const { es, en } = (error as StaleRevisionError).text;
    expect(es).toContain('cambió desde que usted lo leyó');
    expect(en).toContain('changed since you read it');
    expect(racing.appends).toBe(0);
    expect(await store.readStream(STREAM)).toHaveLength(2);
  });

  it('-1 means "no stream yet": accepted on an empty stream, 412 once it exists', async () => {
    const empty = new MemoryEventStore({ clock });
    const racing = racingStore(empty, 0);
    await run(racing, { type: 'Increment', by: 1 }, 'cmd-1', { expectedRevision: -1 });
    expect(racing.expected).toEqual(['no_stream']);
    await expect(
      run(store, { type: 'Increment', by: 1 }, 'cmd-2', { expectedRevision: -1 }),
    ).rejects.toMatchObject({ code: 'command.stale_revision', details: { expected: -1, actual: 0 } });
  });

  it('a writer between our read and our append: the 409 surfaces, and a retry answers 412 (never re-applied)', async () => {
    const once = racingStore(store, 1);
    await expect(
      run(once, { type: 'Increment', by: 2 }, 'cmd-1', { expectedRevision: 0 }),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    const retrying = racingStore(store, 1);
    await expect(
      run(retrying, { type: 'Increment', by: 2 }, 'cmd-2', { expectedRevision: 1, maxRetries: 3 }),
    ).rejects.toMatchObject({ code: 'command.stale_revision', details: { expected: 1, actual: 2 } });
    expect(retrying.appends).toBe(1);
    const ids = (await store.readStream(STREAM)).map((e) => e.metadata.eventId);
    expect(ids).not.toContain(commandEventId('cmd-1', 0));
    expect(ids).not.toContain(commandEventId('cmd-2', 0));
  });

  it('a client retry of an applied command with its old If-Match returns the recorded events, not 412', async () => {
    const first = await run(store, { type: 'Increment', by: 2 }, 'cmd-1', { expectedRevision: 0 });
    await run(store, { type: 'Increment', by: 1 }, 'other');
    const again = await run(store, { type: 'Increment', by: 2 }, 'cmd-1', { expectedRevision: 0 });
    expect(again).toMatchObject({ alreadyApplied: true, written: false, nextExpectedRevision: 2 });
    expect(again.events).toEqual(first.events.map((e) => ({ ...e, schemaVersion: 1 })));
  });
});

describe('readState', () => {
  it('an absent stream: the initial state at revision -1, no events', async () => {
    const store = new MemoryEventStore({ clock });
    expect(await readState(store, STREAM, counterDecider)).toEqual({
      state: { value: 0, full: false },
      revision: -1,
      events: [],
      recorded: [],
    });
  });

  it('folds the stream in order and returns its revision, the domain events and the stored events', async () => {
    const store = new MemoryEventStore({ clock });
    await run(store, { type: 'Increment', by: 4 }, 'cmd-1');
    await run(store, { type: 'Increment', by: 6 }, 'cmd-2');
    const loaded = await readState(store, STREAM, counterDecider);
    expect(loaded.state).toEqual({ value: 10, full: true });
    expect(loaded.revision).toBe(2);
    expect(loaded.events.map((e) => e.type)).toEqual(['Incremented', 'Incremented', 'LimitReached']);
    expect(loaded.recorded.map((r) => r.metadata.eventId)).toEqual([
      commandEventId('cmd-1', 0),
      commandEventId('cmd-2', 0),
      commandEventId('cmd-2', 1),
    ]);
  });

  it('maps every stored event with fromRecorded (upcasters)', async () => {
    const store = new MemoryEventStore({ clock });
    await run(store, { type: 'Increment', by: 4 }, 'cmd-1');
    const doubled = await readState(store, STREAM, counterDecider, (r) => {
      const e = toDomainEvent<CounterEvent>(r);
      return e.type === 'Incremented' ? { ...e, data: { ...e.data, by: e.data.by * 2 } } : e;
    });
    expect(doubled.state.value).toBe(8);
  });
});

describe('commandEventId', () => {
  it('is a deterministic RFC 9562 version-5 UUID per (commandId, index)', () => {
    const a = commandEventId('cmd-1', 0);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(commandEventId('cmd-1', 0)).toBe(a);
    expect(
      new Set([a, commandEventId('cmd-1', 1), commandEventId('cmd-2', 0), commandEventId('cmd-10', 0)]).size,
    ).toBe(4);
  });

  it('matches the RFC 9562 test vector for UUIDv5', () => {
    // RFC 9562 appendix A.4: name "www.example.com" in the DNS namespace
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('rejects an empty command id or a bad index', () => {
    expect(() => commandEventId('', 0)).toThrow('commandId');
    expect(() => commandEventId('c', -1)).toThrow('index');
  });
});
