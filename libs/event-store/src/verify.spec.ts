import { GENESIS_HASH, sealEvents } from './hash-chain';
import { newEvents } from './testing/fixtures';
import type { RecordedEvent } from './types';
import { verifyEvents, verifyStream } from './verify';

function givenStream(name: string, n: number, firstPosition = 1n): RecordedEvent[] {
  const sealed = sealEvents(name, newEvents(n), 0, GENESIS_HASH, new Date('2020-06-30T12:00:00Z'));
  return sealed.map((s, i) => ({
    streamName: name,
    revision: s.revision,
    position: firstPosition + BigInt(i) * 10n,
    type: s.metadata.type,
    data: s.data,
    metadata: s.metadata,
  }));
}

function headOf(events: RecordedEvent[]) {
  return { revision: events[events.length - 1].revision, hash: events[events.length - 1].metadata.hash };
}

describe('verifyStream', () => {
  it('given an untouched stream, then it passes and counts every event', () => {
    expect(verifyStream(givenStream('planReport-HN-1', 4))).toEqual({ ok: true, checked: 4 });
  });

  it('given an empty stream, then it passes with nothing checked', () => {
    expect(verifyStream([])).toEqual({ ok: true, checked: 0 });
  });

  it('given changed data, then it reports the altered event', () => {
    const events = givenStream('planReport-HN-1', 4);
    events[2] = { ...events[2], data: { i: 'changed' } };
    const r = verifyStream(events);
    expect(r).toMatchObject({
      ok: false,
      problem: 'altered',
      revision: 2,
      eventId: events[2].metadata.eventId,
    });
    expect(r.ok === false && r.message.es).toContain('modificado');
    expect(r.ok === false && r.message.en).toContain('modified');
  });

  it('given a changed type or actor, then it reports the altered event', () => {
    const a = givenStream('planReport-HN-1', 2);
    a[1] = { ...a[1], type: 'ReportApproved' };
    expect(verifyStream(a)).toMatchObject({ ok: false, problem: 'altered', revision: 1 });
    const b = givenStream('planReport-HN-1', 2);
    b[0] = { ...b[0], metadata: { ...b[0].metadata, actor: { ...b[0].metadata.actor, country: 'GT' } } };
    expect(verifyStream(b)).toMatchObject({ ok: false, problem: 'altered', revision: 0 });
  });

  it('given a removed event in the middle or at the start, then it reports the missing revision', () => {
    const events = givenStream('planReport-HN-1', 4);
    expect(verifyStream([events[0], events[2], events[3]])).toMatchObject({
      ok: false,
      problem: 'removed',
      revision: 1,
      eventId: events[2].metadata.eventId,
    });
    expect(verifyStream(events.slice(1))).toMatchObject({ ok: false, problem: 'removed', revision: 0 });
  });

  it('given two events whose contents were swapped in place, then it reports a reordering', () => {
    const events = givenStream('planReport-HN-1', 4);
    const swapped = events.map((e) => ({ ...e }));
    for (const [i, j] of [
      [1, 3],
      [3, 1],
    ]) {
      swapped[i] = { ...events[i], type: events[j].type, data: events[j].data, metadata: events[j].metadata };
    }
    expect(verifyStream(swapped)).toMatchObject({
      ok: false,
      problem: 'reordered',
      revision: 1,
      eventId: events[3].metadata.eventId,
    });
  });

  it('given events delivered out of order, then it reports a reordering', () => {
    const events = givenStream('planReport-HN-1', 3);
    expect(verifyStream([events[0], events[2], events[1]])).toMatchObject({
      ok: false,
      problem: 'reordered',
      revision: 1,
    });
    expect(verifyStream([events[1], events[0]])).toMatchObject({
      ok: false,
      problem: 'reordered',
      revision: 0,
    });
    const backwardsPositions = [events[0], { ...events[1], position: 0n }];
    expect(verifyStream(backwardsPositions)).toMatchObject({ ok: false, problem: 'reordered', revision: 1 });
  });

  it('given an event re-hashed by a forger without the right previous hash, then it reports a broken link', () => {
    const events = givenStream('planReport-HN-1', 3);
    const forged = sealEvents(
      'planReport-HN-1',
      newEvents(1),
      1,
      'f'.repeat(64),
      new Date('2020-07-01T00:00:00Z'),
    )[0];
    events[1] = { ...events[1], data: forged.data, type: forged.metadata.type, metadata: forged.metadata };
    expect(verifyStream(events)).toMatchObject({ ok: false, problem: 'broken_link', revision: 1 });
  });

  it('given its head, an untouched stream passes', () => {
    const events = givenStream('planReport-HN-1', 4);
    expect(verifyStream(events, headOf(events))).toEqual({ ok: true, checked: 4 });
  });

  it('given a head read before newer appends, the events after it pass (their chain is checked)', () => {
    const events = givenStream('planReport-HN-1', 4);
    expect(verifyStream(events, headOf(events.slice(0, 2)))).toEqual({ ok: true, checked: 4 });
  });

  it('given its head, the newest events removed are reported as removed (the chain alone cannot see it)', () => {
    const events = givenStream('planReport-HN-1', 4);
    const head = headOf(events);
    const left = events.slice(0, 2);
    expect(verifyStream(left)).toEqual({ ok: true, checked: 2 });
    expect(verifyStream(left, head)).toMatchObject({
      ok: false,
      problem: 'removed',
      revision: 2,
      eventId: left[1].metadata.eventId,
    });
  });

  it('given its head, a newest event replaced by a forgery chained onto its predecessor is reported as altered', () => {
    const events = givenStream('planReport-HN-1', 3);
    const head = headOf(events);
    const forged = sealEvents(
      'planReport-HN-1',
      newEvents(1),
      2,
      events[1].metadata.hash,
      new Date('2020-07-01T00:00:00Z'),
    )[0];
    const rewritten = [
      ...events.slice(0, 2),
      { ...events[2], data: forged.data, type: forged.metadata.type, metadata: forged.metadata },
    ];
    expect(verifyStream(rewritten)).toEqual({ ok: true, checked: 3 });
    expect(verifyStream(rewritten, head)).toMatchObject({ ok: false, problem: 'altered', revision: 2 });
  });
});

describe('verifyEvents', () => {
  it('given the events of several streams interleaved, then it checks each chain', () => {
    const a = givenStream('referral-1', 3, 1n);
    const b = givenStream('referral-2', 2, 2n);
    const mixed = [a[0], b[0], a[1], b[1], a[2]];
    expect(verifyEvents(mixed)).toEqual({ ok: true, checked: 5 });
  });

  it('given the heads of the streams, a stream cut short is named', () => {
    const a = givenStream('referral-1', 3, 1n);
    const b = givenStream('referral-2', 3, 2n);
    const heads = new Map([
      ['referral-1', headOf(a)],
      ['referral-2', headOf(b)],
    ]);
    expect(verifyEvents([...a, ...b], heads)).toEqual({ ok: true, checked: 6 });
    expect(verifyEvents([...a, ...b.slice(0, 1)], heads)).toMatchObject({
      ok: false,
      streamName: 'referral-2',
      revision: 1,
      problem: 'removed',
    });
  });

  it('given one bad stream among good ones, then it names the bad stream', () => {
    const a = givenStream('referral-1', 3);
    const b = givenStream('referral-2', 3);
    b[1] = { ...b[1], data: { tampered: true } };
    expect(verifyEvents([...a, ...b])).toMatchObject({
      ok: false,
      streamName: 'referral-2',
      revision: 1,
      problem: 'altered',
    });
  });
});
