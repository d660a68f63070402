import {
  backoffDelay,
  deadLetterFor,
  deadLetterHeaders,
  failureReason,
  handleWithRetries,
  isPoisonMessageError,
} from './retry';
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
      {
        maxAttempts: 5,
        backoff: { initialMs: 10, maxMs: 100 },
        isActive: () => true,
        wait: async (ms) => void waits.push(ms),
      },
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
    expect(outcome.letter).toMatchObject({
      code: 'handler_failed',
      reason: 'database down',
      attempts: 3,
      failedAt: at.toISOString(),
    });
    expect(outcome.letter.message.es).toMatch(/3 veces/);
    expect(Buffer.from(outcome.letter.original.valueBase64, 'base64').toString()).toBe('{"a":1}');
    expect(outcome.letter.original).toMatchObject({
      topic: 'crm.referrals',
      key: 'case-1',
      partition: 2,
      offset: '41',
      headers: { ce_id: 'e1' },
    });
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
    expect(outcome.kind === 'dead' && outcome.letter).toMatchObject({
      code: 'schema_violation',
      message: { es: 'Esquema inválido', en: 'Invalid schema' },
      attempts: 1,
    });
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

  it('reports the message of any thrown value that has one, else the value itself', () => {
    expect(
      [new Error('db down'), 'boom', { message: 'plain object' }, null, undefined, 42].map(failureReason),
    ).toEqual(['db down', 'boom', 'plain object', 'null', 'undefined', '42']);
  });

  it("uses the adapter's text for an exhausted message, never for a poison one", () => {
    const failedText = (n: number) => ({ es: `agotado ${n}`, en: `exhausted ${n}` });
    expect(deadLetterFor(message, new Error('x'), 4, at, { failedText }).message).toEqual({
      es: 'agotado 4',
      en: 'exhausted 4',
    });
    const poison = new PoisonMessageError('too_large', { es: 'Demasiado grande', en: 'Too large' });
    expect(deadLetterFor(message, poison, 1, at, { failedText }).message).toEqual({
      es: 'Demasiado grande',
      en: 'Too large',
    });
  });

  it('recognises a PoisonMessageError from another copy of the module, but not a bare name', async () => {
    class PoisonMessageErrorCopy extends Error {
      constructor(
        readonly code: string,
        readonly text: { es: string; en: string },
      ) {
        super(text.en);
        this.name = 'PoisonMessageError';
      }
    }
    const copy = new PoisonMessageErrorCopy('country_mismatch', { es: 'País distinto', en: 'Other country' });
    const bare = Object.assign(new Error('bare'), { name: 'PoisonMessageError' });
    expect([copy, bare, new Error('x'), null].map(isPoisonMessageError)).toEqual([true, false, false, false]);
    let calls = 0;
    const outcome = await handleWithRetries(
      message,
      async () => {
        calls++;
        throw copy;
      },
      { maxAttempts: 5, isActive: () => true, wait: async () => undefined },
    );
    expect(calls).toBe(1);
    expect(outcome.kind === 'dead' && outcome.letter).toMatchObject({
      code: 'country_mismatch',
      reason: 'Other country',
      message: { es: 'País distinto', en: 'Other country' },
    });
  });

  it('aborts a final failure while stopping, unless told to dead-letter it anyway; a retry is still given up', async () => {
    const run = (error: Error, deadLetterWhenStopping: boolean, maxAttempts = 2) => {
      let active = true;
      return handleWithRetries(
        message,
        async () => {
          active = false;
          throw error;
        },
        {
          maxAttempts,
          isActive: () => active,
          wait: async () => undefined,
          now: () => at,
          deadLetterWhenStopping,
        },
      );
    };
    const poison = new PoisonMessageError('schema_violation', { es: 'e', en: 'n' });
    expect(await run(poison, false)).toEqual({ kind: 'aborted' });
    expect(await run(poison, true)).toMatchObject({
      kind: 'dead',
      letter: { code: 'schema_violation', attempts: 1 },
    });
    expect(await run(new Error('down'), true, 1)).toMatchObject({
      kind: 'dead',
      letter: { code: 'handler_failed', attempts: 1 },
    });
    expect(await run(new Error('down'), true, 2)).toEqual({ kind: 'aborted' });
  });

  it('gives the dead-letter message the original headers plus its code, without touching the original', () => {
    const letter = deadLetterFor(message, new PoisonMessageError('too_large', { es: 'e', en: 'n' }), 1, at);
    expect(JSON.stringify(deadLetterHeaders(message, letter))).toBe(
      '{"ce_id":"e1","crm_dead_letter_code":"too_large"}',
    );
    expect(message.headers).toEqual({ ce_id: 'e1' });
  });
});
