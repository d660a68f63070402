import { randomUUID } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { EventStoreValidationError } from './errors';
import { validateAppend } from './validation';

const event = (data: unknown) => ({
  eventId: randomUUID(),
  type: 'ThingHappened',
  schemaVersion: 1,
  data,
  occurredAt: new Date().toISOString(),
  actor: { subject: 's', role: 'r', country: 'HN' },
  countries: ['HN'],
  correlationId: 'c',
});

describe('validateAppend: event data must be plain JSON', () => {
  it('accepts plain objects from another realm (structuredClone, vm contexts)', () => {
    const foreign = runInNewContext('({ a: { b: [1, "x", null] } })');
    expect(Object.getPrototypeOf(foreign)).not.toBe(Object.prototype);
    expect(() => validateAppend('thing-1', [event(foreign)], 'any')).not.toThrow();
    expect(() => validateAppend('thing-1', [event(structuredClone({ a: 1 }))], 'any')).not.toThrow();
    expect(() => validateAppend('thing-1', [event(Object.create(null))], 'any')).not.toThrow();
  });

  it.each([
    ['a Date', new Date()],
    [
      'a class instance',
      new (class Thing {
        x = 1;
      })(),
    ],
    ['a Map', new Map()],
    ['a foreign Date', runInNewContext('new Date()')],
    ['NaN', { n: Number.NaN }],
    ['undefined inside', { u: undefined }],
  ])('refuses %s', (_what, data) => {
    expect(() => validateAppend('thing-1', [event(data)], 'any')).toThrow(EventStoreValidationError);
  });
});
