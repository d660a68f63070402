import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  MaxAppendSizeExceededError,
  StreamNotFoundError,
} from '@eventstore/db-client';
import {
  EventStoreValidationError,
  GENESIS_HASH,
  sealEvents,
  WrongExpectedRevisionError,
} from '@crm/event-store';
import { newEvent } from '@crm/event-store/testing';
import {
  exactEsdbRevision,
  fromEsdbCurrentRevision,
  fromEsdbPosition,
  isPlatformStream,
  isStreamNotFound,
  parseMetadata,
  serialiseMetadata,
  serverFilter,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toRecordedEvent,
  translateAppendError,
  UnsupportedPositionError,
} from './translate';

const sealed = sealEvents(
  'planReport-HN-1',
  [newEvent(), newEvent()],
  0,
  GENESIS_HASH,
  new Date('2020-06-30T12:00:00.000Z'),
);

describe('revision mapping', () => {
  it('maps our expected revisions to ESDB’s', () => {
    expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
    expect(toEsdbExpectedRevision('any')).toBe(ANY);
    expect(toEsdbExpectedRevision(0)).toBe(0n);
    expect(toEsdbExpectedRevision(41)).toBe(41n);
  });
  it('appends at the exact head read: -1 is no_stream', () => {
    expect(exactEsdbRevision(-1)).toBe(NO_STREAM);
    expect(exactEsdbRevision(7)).toBe(7n);
  });
  it('maps ESDB current revisions back (no_stream = -1) and refuses unsafe integers', () => {
    expect(fromEsdbCurrentRevision(NO_STREAM)).toBe(-1);
    expect(fromEsdbCurrentRevision(undefined)).toBe(-1);
    expect(fromEsdbCurrentRevision(12n)).toBe(12);
    expect(() => fromEsdbCurrentRevision(2n ** 60n)).toThrow('safe integers');
  });
});

describe('position mapping', () => {
  it('round-trips: our position is the log position where commit = prepare', () => {
    expect(fromEsdbPosition({ commit: 1234n, prepare: 1234n })).toBe(1234n);
    expect(toEsdbPosition(1234n)).toEqual({ commit: 1234n, prepare: 1234n });
    expect(fromEsdbPosition(toEsdbPosition(9_007_199_254_740_993n))).toBe(9_007_199_254_740_993n);
  });
  it('refuses legacy transaction positions and missing positions instead of mis-ordering', () => {
    expect(() => fromEsdbPosition({ commit: 2000n, prepare: 1500n })).toThrow(UnsupportedPositionError);
    expect(() => fromEsdbPosition(undefined)).toThrow('no position');
  });
});

describe('error mapping', () => {
  it('WrongExpectedVersionError becomes WrongExpectedRevisionError with the caller’s expectation', () => {
    const esdb = new WrongExpectedVersionError(undefined, { streamName: 's-1', expected: 3n, current: 5n });
    const ours = translateAppendError(esdb, 'planReport-HN-1', 3);
    expect(ours).toBeInstanceOf(WrongExpectedRevisionError);
    expect(ours).toMatchObject({ streamName: 'planReport-HN-1', expected: 3, actual: 5 });
    const missing = translateAppendError(
      new WrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current: NO_STREAM }),
      'a-1',
      0,
    );
    expect(missing).toMatchObject({ actual: -1 });
  });
  it('an over-size append becomes an event_too_large validation error in both languages', () => {
    const ours = translateAppendError(
      MaxAppendSizeExceededError.fromMaxAppendSize(1048576),
      'a-1',
      'any',
    ) as EventStoreValidationError;
    expect(ours).toBeInstanceOf(EventStoreValidationError);
    expect(ours.reason).toBe('event_too_large');
    expect(ours.text.es).toContain('1048576');
  });
  it('other errors pass through; stream-not-found is recognised', () => {
    const other = new Error('unavailable');
    expect(translateAppendError(other, 'a-1', 'any')).toBe(other);
    expect(isStreamNotFound(new StreamNotFoundError(undefined as never, 'a-1'))).toBe(true);
    expect(isStreamNotFound(other)).toBe(false);
  });
});

describe('metadata and events', () => {
  it('stores EventMetadata as the ESDB metadata JSON and reads it back unchanged', () => {
    const meta = sealed[1].metadata;
    const json = JSON.parse(JSON.stringify(serialiseMetadata(meta)));
    expect(parseMetadata(json, 'x')).toEqual(meta);
  });
  it('refuses metadata that is not the platform’s', () => {
    expect(() => parseMetadata({ $correlationId: 'x' }, 'a-1@0')).toThrow('no valid platform metadata');
    expect(() => parseMetadata(new Uint8Array([1]), 'a-1@0')).toThrow('a-1@0');
    const { hash: _h, ...noHash } = sealed[0].metadata;
    expect(() => parseMetadata(noHash, 'a-1@0')).toThrow();
  });
  it('builds a RecordedEvent from an ESDB record (revision and position translated)', () => {
    const r = toRecordedEvent({
      streamId: 'planReport-HN-1',
      id: sealed[1].metadata.eventId,
      revision: 1n,
      type: sealed[1].metadata.type,
      isJson: true,
      data: sealed[1].data,
      metadata: JSON.parse(JSON.stringify(sealed[1].metadata)),
      position: { commit: 777n, prepare: 777n },
    });
    expect(r).toEqual({
      streamName: 'planReport-HN-1',
      revision: 1,
      position: 777n,
      type: sealed[1].metadata.type,
      data: sealed[1].data,
      metadata: sealed[1].metadata,
    });
    expect(() =>
      toRecordedEvent({
        streamId: 'a-1',
        id: 'x',
        revision: 0n,
        type: 'T',
        isJson: false,
        data: new Uint8Array(),
        metadata: undefined,
      }),
    ).toThrow('not JSON');
  });
  it('recognises platform streams; system and foreign streams are skipped', () => {
    expect(isPlatformStream('planReport-HN-1')).toBe(true);
    expect(isPlatformStream('$et-ReportSubmitted')).toBe(false);
    expect(isPlatformStream('$all')).toBe(false);
    expect(isPlatformStream('Orders-1')).toBe(false);
  });
});

describe('server filters (a superset; everything is re-checked client-side)', () => {
  it('stream prefixes, else categories as "<category>-" prefixes', () => {
    expect(serverFilter({ streamPrefixes: ['planReport-HN'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['planReport-HN'],
    });
    expect(serverFilter({ categories: ['referral', 'alert'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['referral-', 'alert-'],
    });
  });
  it('event types as an exact, escaped regex', () => {
    const f = serverFilter({ eventTypes: ['ReportSubmitted', 'ReportApproved'], country: 'HN' });
    expect(f).toMatchObject({ filterOn: 'eventType', regex: '^(?:ReportSubmitted|ReportApproved)$' });
    const re = new RegExp((f as { regex: string }).regex);
    expect(re.test('ReportSubmitted')).toBe(true);
    expect(re.test('ReportSubmittedLate')).toBe(false);
  });
  it('no stream or type filter: excludes system streams ($…) on the server', () => {
    const f = serverFilter({ country: 'GT' }) as { filterOn: string; regex: string };
    expect(f.filterOn).toBe('streamName');
    expect(new RegExp(f.regex).test('$stats-1')).toBe(false);
    expect(new RegExp(f.regex).test('referral-1')).toBe(true);
    expect(serverFilter(undefined)).toMatchObject({ regex: '^[a-z]' });
  });
});
