import { reject } from '@crm/contracts';
import { ConflictError as Conflict, LocalizedError, UnavailableError, ValidationError } from '@crm/kernel';
import { PoisonMessageError } from '@crm/messaging';
import { businessReason, InboundRejectedError, isBusinessRejection } from './rejection';

describe('rejections', () => {
  it('an inbound refusal is a poison message with its code, es/en text and a short reason without the payload', () => {
    const error = new InboundRejectedError(
      reject('schema_violation', {
        type: 'plan.x.v1',
        path: '/evidence/0',
        reason: 'must match pattern',
        problems: [{ big: 'x'.repeat(5000) }],
      }),
    );
    expect(error).toBeInstanceOf(PoisonMessageError);
    expect(error.code).toBe('schema_violation');
    expect(error.text.es).toContain('/evidence/0');
    expect(error.message).toMatch(/^schema_violation: /);
    expect(error.message).not.toContain('xxxx');
    expect(error.message.length).toBeLessThanOrEqual(1000);
  });

  it('business refusals are 4xx LocalizedErrors except concurrency conflicts', () => {
    expect(isBusinessRejection(new Conflict('plan.report.invalid_transition', { es: 'no', en: 'no' }))).toBe(
      true,
    );
    expect(
      isBusinessRejection(new Conflict('event_store.wrong_expected_revision', { es: 'c', en: 'c' })),
    ).toBe(false);
    expect(isBusinessRejection(new ValidationError('plan.x', { es: 'x', en: 'x' }))).toBe(true);
    expect(isBusinessRejection(new UnavailableError('pii.access_log', { es: 'x', en: 'x' }))).toBe(false);
    expect(isBusinessRejection(new LocalizedError('x', { es: 'x', en: 'x' }))).toBe(false);
    expect(isBusinessRejection(new Error('db down'))).toBe(false);
  });

  it('the outcome reason keeps code, both languages and JSON-safe details', () => {
    const reason = businessReason(
      new Conflict(
        'plan.report.invalid_transition',
        { es: 'No se puede.', en: 'Cannot.' },
        { current: 'submitted', fn: () => 1 },
      ),
    );
    expect(reason).toEqual({
      code: 'plan.report.invalid_transition',
      message: { es: 'No se puede.', en: 'Cannot.' },
      details: { current: 'submitted' },
    });
    expect(businessReason(new Conflict('Bad Code!', { es: 'a', en: 'b' })).code).toBe('rejected');
  });
});
