import pino, { type DestinationStream, type Logger } from 'pino';
import { loadLogLevel } from '@crm/config';
import { allPersonalPaths, REDACTED, redactDeep } from './personal-fields';

export interface CreateLoggerOptions {
  level?: string;
  /** Where lines go (default stdout). Tests pass a capturing stream. */
  destination?: DestinationStream;
  /** Extra paths to redact besides the declared personal fields. */
  extraPaths?: string[];
}

/** Field names that are personal data in any log object, whatever the contract (defence in depth). */
const ALWAYS = [
  'child.name',
  'child.dateOfBirth',
  'child.photo',
  'family.contacts',
  'password',
  'authorization',
  'accessToken',
];

/**
 * The service logger: pino with `redact` for the declared personal-data paths (top level and one level
 * down) and a log formatter that redacts the same paths at any depth, also for contracts declared after
 * the logger was created. Never put personal data into the message string itself.
 */
export function createLogger(name: string, options: CreateLoggerOptions = {}): Logger {
  const staticPaths = [...new Set([...ALWAYS, ...allPersonalPaths(), ...(options.extraPaths ?? [])])];
  const pinoPaths = staticPaths.flatMap((p) => [p, `*.${p}`]);
  return pino(
    {
      name,
      level: options.level ?? loadLogLevel(),
      redact: { paths: pinoPaths, censor: REDACTED },
      formatters: {
        log: (obj) =>
          redactDeep(obj, [...new Set([...staticPaths, ...allPersonalPaths()])], REDACTED) as Record<
            string,
            unknown
          >,
      },
    },
    options.destination ?? pino.destination(1),
  );
}
