import { randomBytes, randomUUID } from 'node:crypto';
import type { NewEvent } from '../types';

/** A random stream category, unique per test, so the suite can share a store with other runs. */
export function randomCategory(prefix = 't'): string {
  return `${prefix}${randomBytes(6).toString('hex')}`;
}

/** A valid event; override any field. */
export function newEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'ReportSubmitted',
    schemaVersion: 1,
    data: { indicator: '1.1', value: 3, note: 'informe de avance' },
    occurredAt: '2020-06-01T10:00:00.000Z',
    actor: { subject: 'user-hn-1', role: 'focal_point', country: 'HN', institution: 'DINAF' },
    countries: ['HN'],
    correlationId: randomUUID(),
    causationId: null,
    ...overrides,
  };
}

export function newEvents(n: number, overrides: Partial<NewEvent> = {}): NewEvent[] {
  return Array.from({ length: n }, (_, i) => newEvent({ data: { i }, ...overrides }));
}
