import { lineLogPort, logPortOf, type LogPort } from './log-port';

describe('LogPort', () => {
  it('turns entries into the legacy lines: message, then the fields as key=value', () => {
    const lines: string[] = [];
    const port = lineLogPort((l) => lines.push(l));
    port.warn({ relay: 'plan', attempt: 2, missing: undefined }, '[relay plan] publish failed, retrying');
    port.info?.({}, 'processed');
    expect(lines).toEqual(['[relay plan] publish failed, retrying relay=plan attempt=2', 'processed']);
  });

  it('prefers `logger`, then `log`, and creates the fallback only when something is logged', () => {
    const seen: string[] = [];
    const logger: LogPort = { warn: (_f, m) => seen.push(`logger:${m}`) };
    logPortOf({ logger, log: (l) => seen.push(`log:${l}`) }, () => fail('no fallback')).warn({}, 'a');
    logPortOf({ log: (l) => seen.push(`log:${l}`) }, () => fail('no fallback')).warn({}, 'b');
    let created = 0;
    const lazy = logPortOf({}, () => {
      created++;
      return { warn: (_f, m) => seen.push(`fallback:${m}`) };
    });
    expect(created).toBe(0);
    lazy.warn({}, 'c');
    lazy.info?.({}, 'dropped: the fallback has no info');
    expect(created).toBe(1);
    expect(seen).toEqual(['logger:a', 'log:b', 'fallback:c']);
  });
});
