import { createLogger } from './logger';
import { captureLog as capture } from './testing/log-capture';
import { definePersonalData, redact } from './personal-fields';

definePersonalData('TestAlertIssued', [
  'child.name',
  'child.dateOfBirth',
  'child.photo',
  'family.contacts',
  'lastSeenDescription',
]);

const SECRETS = [
  'Luis Alberto Ramos',
  '2011-09-30',
  'iVBORw0KGgoAAAANSUhEUg',
  '+502 4444 9876',
  'camiseta roja, cicatriz en la ceja',
];
const child = { name: SECRETS[0], dateOfBirth: SECRETS[1], photo: SECRETS[2], nationality: 'GT' };

describe('createLogger: personal data never reaches the logs', () => {
  it('redacts declared personal fields at the top level, nested in events, in arrays, and in child loggers', async () => {
    const { lines, stream } = capture();
    const log = createLogger('alerts', { destination: stream, level: 'debug' });
    log.info(
      { child, family: { contacts: [SECRETS[3]] }, lastSeenDescription: SECRETS[4] },
      'alert received',
    );
    log.warn(
      { event: { type: 'AlertIssued', data: { child, family: { contacts: SECRETS[3] } } } },
      'relay retry',
    );
    log.error(
      { batch: [{ data: { child } }, { payload: { deep: { deeper: { child } } } }] },
      'poison message',
    );
    log.child({ caseId: 'case-7' }).debug({ alert: { lastSeenDescription: SECRETS[4] } }, 'projection');
    await new Promise((r) => setImmediate(r));
    const out = lines.join('');
    expect(lines).toHaveLength(4);
    for (const s of SECRETS) expect(out).not.toContain(s);
    expect(out).toContain('[REDACTED]');
    expect(out).toContain('"nationality":"GT"'); // non-personal fields stay visible
    expect(out).toContain('case-7');
  });

  it('also covers contracts declared after the logger was created', async () => {
    const { lines, stream } = capture();
    const log = createLogger('late', { destination: stream });
    definePersonalData('TestLateDeclared', ['guardian.passportNumber']);
    log.info({ x: { guardian: { passportNumber: 'C0FFEE123' } } });
    await new Promise((r) => setImmediate(r));
    expect(lines.join('')).not.toContain('C0FFEE123');
  });

  it('redact() returns a redacted copy and leaves the input alone', () => {
    const input = { child: { ...child } };
    const out = redact(input, ['child.name', 'child.missing.path']);
    expect(out.child.name).toBe('[REDACTED]');
    expect(input.child.name).toBe(SECRETS[0]);
    expect(out.child.nationality).toBe('GT');
  });
});
