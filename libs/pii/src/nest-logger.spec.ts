import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createNestLogger } from './nest-logger';
import { captureLog as capture } from './testing/log-capture';

const SECRETS = ['Wendy Carolina Funes', '2014-02-11', '+505 8888 1234', 'cicatriz en la mano izquierda'];

@Module({})
class EmptyModule {}

describe('RedactingNestLogger: Nest logs go through the personal-data redaction', () => {
  it('redacts personal fields of objects logged through the LoggerService, keeps the context, maps levels', async () => {
    const out = capture();
    const logger = createNestLogger('referrals', { destination: out.stream, level: 'debug' });
    logger.warn(
      { child: { name: SECRETS[0], dateOfBirth: SECRETS[1], nationality: 'NI' } },
      'ReferralsController',
    );
    logger.error('relay failed', 'Error: boom\n    at relay (relay.ts:1:1)', 'Relay');
    logger.debug('polling', 'Relay');
    logger.verbose('not written at debug', 'Relay');
    await new Promise((r) => setImmediate(r));
    const lines = out.lines.map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      level: 40,
      name: 'referrals',
      context: 'ReferralsController',
      child: { name: '[REDACTED]', dateOfBirth: '[REDACTED]', nationality: 'NI' },
    });
    expect(lines[1]).toMatchObject({
      level: 50,
      context: 'Relay',
      msg: 'relay failed',
      stack: expect.stringContaining('at relay'),
    });
    expect(lines[2]).toMatchObject({ level: 20, context: 'Relay', msg: 'polling' });
    for (const s of SECRETS) expect(out.text()).not.toContain(s);
  });

  it('is what `new Logger(context)` writes to once an application uses it', async () => {
    const out = capture();
    const app = await NestFactory.createApplicationContext(EmptyModule, {
      logger: createNestLogger('plan', { destination: out.stream, level: 'info' }),
    });
    try {
      new Logger('Projection').warn({
        event: {
          type: 'AlertIssued',
          data: { family: { contacts: [SECRETS[2]] }, lastSeen: { child: { name: SECRETS[0] } } },
        },
      });
      new Logger('Projection').log({ payload: { child: { photo: SECRETS[3] } } }, 'details');
      await new Promise((r) => setImmediate(r));
      expect(out.text()).toContain('"context":"Projection"');
      expect(out.text()).toContain('Starting Nest application');
      for (const s of SECRETS) expect(out.text()).not.toContain(s);
      expect(out.text()).toContain('[REDACTED]');
    } finally {
      await app.close();
    }
  });
});
