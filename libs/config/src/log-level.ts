import { ConfigurationError } from './platform-config';

/** The levels the services' logger (pino) accepts, from the most to the least verbose. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** The one default of LOG_LEVEL: warnings and errors only. */
export const DEFAULT_LOG_LEVEL: LogLevelName = 'warn';

/** LOG_LEVEL, checked: an unknown level stops start-up with an es/en message naming the variable. */
export function loadLogLevel(env: NodeJS.ProcessEnv = process.env): LogLevelName {
  const raw = env.LOG_LEVEL;
  if (raw === undefined || raw === '') return DEFAULT_LOG_LEVEL;
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) {
    throw new ConfigurationError(
      'config.invalid',
      {
        es: `LOG_LEVEL: valor "${raw}" no admitido; use ${LOG_LEVELS.join(' | ')}`,
        en: `LOG_LEVEL: unsupported value "${raw}"; use ${LOG_LEVELS.join(' | ')}`,
      },
      { variable: 'LOG_LEVEL' },
    );
  }
  return raw as LogLevelName;
}
