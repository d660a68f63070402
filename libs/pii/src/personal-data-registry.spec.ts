// @crm/pii must not load the contract catalogue: if anything in it imports @crm/contracts, loading fails here.
jest.mock('@crm/contracts', () => {
  throw new Error('@crm/pii imported the contract catalogue');
});

import * as pii from './index';
import { captureLog } from './testing/log-capture';

describe('the pii registry is filled by the process wiring, not by loading @crm/pii', () => {
  it('has nothing registered after `import @crm/pii`, and never loads @crm/contracts', () => {
    expect(pii.personalDataDeclarations()).toEqual([]);
    expect(pii.allPersonalPaths()).toEqual([]);
    expect(() => jest.requireMock('@crm/contracts')).toThrow('@crm/pii imported the contract catalogue');
  });

  it('redacts a declaration registered at run time, also from a logger created before it', async () => {
    const { lines, stream: destination } = captureLog();
    const log = pii.createLogger('relay', { destination });
    const event = {
      type: 'test.alert.raised.v1',
      data: { lastSeen: { place: 'Tecún Umán' }, alertId: 'A-7' },
    };
    log.warn({ event }, 'before the declaration');
    pii.registerPersonalDataDeclarations({ 'test.alert.raised.v1': ['lastSeen.place'] });
    log.warn({ event }, 'after the declaration');
    await new Promise((r) => setImmediate(r));
    const [before, after] = lines.join('').trim().split('\n');
    expect(before).toContain('Tecún Umán');
    expect(after).not.toContain('Tecún Umán');
    expect(after).toContain('A-7');
    expect(after).toContain('[REDACTED]');
    expect(pii.personalDataDeclarations()).toEqual([
      { type: 'test.alert.raised.v1', paths: ['lastSeen.place'] },
    ]);
  });
});
