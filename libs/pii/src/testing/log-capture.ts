import { Writable } from 'node:stream';

/** A destination for `createLogger` / `createNestLogger` that keeps every line written, for log-capture tests. */
export function captureLog(): { lines: string[]; stream: Writable; text: () => string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, stream, text: () => lines.join('') };
}
