import { commandEnvelopes } from './command-envelope';
import type { Actor } from '@crm/event-store';

const actor: Actor = { subject: 'hn-ro', role: 'reporting_officer', country: 'HN', institution: 'HN/MRE' };

describe('commandEnvelopes', () => {
  const envelopeFor = commandEnvelopes('referrals');

  it("scopes the client's key by service, use case and stream; correlation defaults to the key", () => {
    expect(envelopeFor('send', 'referral-1', actor, ['HN', 'MX'], { commandId: 'k1' })).toEqual({
      commandId: 'referrals.send:referral-1:k1',
      actor,
      countries: ['HN', 'MX'],
      correlationId: 'k1',
      causationId: null,
    });
    expect(envelopeFor('send', 'referral-2', actor, [], { commandId: 'k1' }).commandId).not.toBe(
      envelopeFor('accept', 'referral-2', actor, [], { commandId: 'k1' }).commandId,
    );
  });

  it('keeps the given correlation and causation; without a key the id is random', () => {
    const a = envelopeFor('send', 's', actor, [], { correlationId: 'c', causationId: 'e1' });
    const b = envelopeFor('send', 's', actor, []);
    expect(a).toMatchObject({ correlationId: 'c', causationId: 'e1' });
    expect(a.commandId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.commandId).not.toBe(a.commandId);
    expect(b.correlationId).toBe(b.commandId);
  });
});
