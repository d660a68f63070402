import { deadLetterFor, deadLetterHeaders, PoisonMessageError, type IncomingMessage } from '@crm/messaging';
import { postgresHandlerFailedText } from './dead-letter';

const message: IncomingMessage = {
  topic: 'faulty',
  key: 'same-key',
  value: Buffer.from('broken'),
  headers: { ce_id: 'broken', ce_type: 't' },
  partition: 1,
  offset: '7',
};
const at = new Date('2024-05-01T10:00:00Z');

// The exact bytes the postgres bus wrote before it used the shared helper of @crm/messaging.
describe('postgres bus dead letters', () => {
  it('keeps the record of an exhausted message byte for byte', () => {
    const letter = deadLetterFor(message, new Error('always fails'), 3, at, {
      failedText: postgresHandlerFailedText,
    });
    expect(JSON.stringify(letter)).toBe(
      '{"reason":"always fails","code":"handler_failed","message":{"es":"El procesamiento del mensaje falló 3 veces; se envió a la cola de mensajes rechazados.",' +
        '"en":"Handling the message failed 3 times; it was sent to the dead-letter topic."},"original":{"topic":"faulty","key":"same-key","partition":1,' +
        '"offset":"7","headers":{"ce_id":"broken","ce_type":"t"},"valueBase64":"YnJva2Vu"},"failedAt":"2024-05-01T10:00:00.000Z","attempts":3}',
    );
    expect(JSON.stringify(deadLetterHeaders(message, letter))).toBe(
      '{"ce_id":"broken","ce_type":"t","crm_dead_letter_code":"handler_failed"}',
    );
  });

  it('keeps the record of a poison message byte for byte', () => {
    const poison = new PoisonMessageError('schema_violation', {
      es: 'Esquema no válido',
      en: 'Invalid schema',
    });
    const letter = deadLetterFor(message, poison, 1, at, { failedText: postgresHandlerFailedText });
    expect(JSON.stringify(letter)).toBe(
      '{"reason":"Invalid schema","code":"schema_violation","message":{"es":"Esquema no válido","en":"Invalid schema"},"original":{"topic":"faulty",' +
        '"key":"same-key","partition":1,"offset":"7","headers":{"ce_id":"broken","ce_type":"t"},"valueBase64":"YnJva2Vu"},"failedAt":"2024-05-01T10:00:00.000Z","attempts":1}',
    );
    expect(JSON.stringify(deadLetterHeaders(message, letter))).toBe(
      '{"ce_id":"broken","ce_type":"t","crm_dead_letter_code":"schema_violation"}',
    );
  });
});
