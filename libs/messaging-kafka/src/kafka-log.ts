import { logLevel, type logCreator } from 'kafkajs';

export type KafkaLogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface KafkaLogEntry {
  level: KafkaLogLevel;
  namespace: string;
  message: string;
  /** kafkajs' extra fields (broker, groupId, error text...). Never message payloads. */
  extra: Record<string, unknown>;
}

export type KafkaLogSink = (entry: KafkaLogEntry) => void;

const LEVELS: Record<number, KafkaLogLevel> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** Default sink: one JSON line per kafkajs error on stderr (kafkajs is otherwise very chatty). */
export const stderrErrors: KafkaLogSink = (entry) => {
  process.stderr.write(
    `${JSON.stringify({ source: 'kafkajs', ...entry, extra: undefined, error: entry.extra.error })}\n`,
  );
};

/** Discards everything (tests that restart brokers on purpose). */
export const silent: KafkaLogSink = () => undefined;

/** A kafkajs logCreator that routes entries to `sink`, keeping only what is needed. */
export function quietLogCreator(sink: KafkaLogSink): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const {
        message,
        timestamp: _t,
        logger: _l,
        ...extra
      } = log as { message: string; timestamp?: string; logger?: string } & Record<string, unknown>;
      sink({ level: LEVELS[level] ?? 'debug', namespace, message, extra });
    };
}

export function kafkaLogLevel(level: KafkaLogLevel): logLevel {
  return { error: logLevel.ERROR, warn: logLevel.WARN, info: logLevel.INFO, debug: logLevel.DEBUG }[level];
}
