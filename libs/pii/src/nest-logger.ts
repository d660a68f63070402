import type { LoggerService, LogLevel } from '@nestjs/common';
import type { Level, Logger } from 'pino';
import { createLogger, type CreateLoggerOptions } from './logger';

/** Nest's log levels from the most to the least verbose, and the pino level each maps to. */
const LEVELS: Array<[LogLevel, Level]> = [
  ['verbose', 'trace'],
  ['debug', 'debug'],
  ['log', 'info'],
  ['warn', 'warn'],
  ['error', 'error'],
  ['fatal', 'fatal'],
];

const STACK = /\n\s+at /;

/**
 * NestJS LoggerService over the redacting pino logger (createLogger): every Nest log line, the framework's
 * and every `new Logger(context)` of the application, goes through the personal-data redaction. Objects
 * are logged as pino objects (redacted at any depth); the Nest context becomes `context`. A message
 * string is written as is: never put personal data into one.
 */
export class RedactingNestLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Enables the given Nest levels: pino writes from the most verbose of them upwards. */
  setLogLevels(levels: LogLevel[]): void {
    const first = LEVELS.find(([nest]) => levels.includes(nest));
    this.pino.level = first ? first[1] : 'silent';
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = [...params];
    const context =
      rest.length > 0 &&
      typeof rest[rest.length - 1] === 'string' &&
      !(level === 'error' && rest.length === 1 && STACK.test(rest[0] as string))
        ? (rest.pop() as string)
        : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (level === 'error' && typeof rest[0] === 'string' && STACK.test(rest[0])) fields.stack = rest.shift();
    if (rest.length > 0) fields.params = rest;
    if (message instanceof Error) this.pino[level]({ ...fields, err: message });
    else if (message !== null && typeof message === 'object')
      this.pino[level]({ ...fields, ...(message as Record<string, unknown>) });
    else this.pino[level](fields, String(message));
  }
}

/** A Nest logger named `name` over createLogger (same options: level, destination, extra paths). */
export function createNestLogger(name: string, options: CreateLoggerOptions = {}): RedactingNestLogger {
  return new RedactingNestLogger(createLogger(name, options));
}
