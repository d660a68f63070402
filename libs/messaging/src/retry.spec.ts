import { backoffDelay, deadLetterFor, handleWithRetries } from './retry';
import { PoisonMessageError, type IncomingMessage } from './types';

const message: IncomingMessage = {
  topic: 'crm.referrals',
  key: 'case-1',
  value: Buffer.from('{"a":1}'),
  headers: { ce_id: 'e1' },
  partition: 2,
  offset: '41',
};
const at = new Date('2024-05-01T10:00:00Z');

describe('back-off and retries', () => {
  it('grows exponentially and is capped', () => {
    const o = { initialMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, o))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelay(3, { initialMs: 10, maxMs: 1000, factor: 3 })).toBe(90);
  });

  it('retries a failing handler with the back-off delays until it succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    const outcome = await handleWithRetries(
      message,
      async () => {
        calls++;
        if (calls < 3) throw new Error('transient');
      },
      { maxAttempts: 5, backoff: { initialMs: 10, maxMs: 100 }, isActive: () => true, wait: async (ms) => void waits.push(ms) },
    );
    expect(outcome).toEqual({ kind: 'handled', attempts: 3 });
    expect(waits).toEqual([10, 20]);
  });

  it('dead-letters after the last attempt with the original message intact', async () => {
    let calls = 0;
    const outcome = await handleWithRetries(
      message,
      async () => {
        calls++;
        throw new Error('database down');
      },
      { maxAttempts: 3, isActive: () => true, wait: async () => undefined, now: () => at },
    );
    expect(calls).toBe(3);
    if (outcome.kind !== 'dead') throw new Error(`expected dead, got ${outcome.kind}`);
    expect(outcome.letter).toMatchObject({ code: 'handler_failed', reason: 'database down', attempts: 3, failedAt: at.toISOString() });
    expect(outcome.letter.message.es).toMatch(/3 veces/);
    expect(Buffer.from(outcome.letter.original.valueBase64, 'base64').toString()).toBe('{"a":1}');
    expect(outcome.letter.original).toMatchObject({ topic: 'crm.referrals', key: 'case-1', partition: 2, offset: '41', headers: { ce_id: 'e1' } });
  });

  it('sends a poison message to the dead letters at once, with its own code and text', async () => {
    let calls = 0;
    const outcome = await handleWithRetries(
      message,
      async () => {
        calls++;
        throw new PoisonMessageError('schema_violation', { es: 'Esquema inválido', en: 'Invalid schema' });
      },
      { maxAttempts: 5, isActive: () => true, wait: async () => undefined },
    );
    expect(calls).toBe(1);
    expect(outcome.kind === 'dead' && outcome.letter).toMatchObject({ code: 'schema_violation', message: { es: 'Esquema inválido', en: 'Invalid schema' }, attempts: 1 });
  });

  it('aborts without a dead letter when the consumer stops during the retries', async () => {
    let active = true;
    const outcome = await handleWithRetries(
      message,
      async () => {
        active = false;
        throw new Error('crash');
      },
      { maxAttempts: 5, isActive: () => active, wait: async () => undefined },
    );
    expect(outcome).toEqual({ kind: 'aborted' });
  });

  it('builds a dead letter from a non-Error throw', () => {
    expect(deadLetterFor(message, 'boom', 1, at).reason).toBe('boom');
  });
});
