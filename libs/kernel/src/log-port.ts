/**
 * Where a library writes its operational lines (relay, projection runner, bus, gateway): structured fields
 * and a fixed message. pino's Logger fits it, and services pass the personal-data redacting logger of
 * @crm/pii through the service kit. Fields name things (relay, topic, attempt, error message), never payloads.
 */
export interface LogPort {
  warn(fields: Record<string, unknown>, message: string): void;
  /** Routine lines (e.g. a message processed); dropped when absent. */
  info?(fields: Record<string, unknown>, message: string): void;
}

/**
 * A LogPort over the historical `log?: (line: string) => void` option of the libraries: each entry becomes one
 * line, the message followed by its fields as `key=value`.
 */
export function lineLogPort(write: (line: string) => void): LogPort {
  const line = (fields: Record<string, unknown>, message: string) => {
    const parts = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
    write(parts.length > 0 ? `${message} ${parts.join(' ')}` : message);
  };
  return { warn: line, info: line };
}

/**
 * A LogPort created on first use (a library's default logger costs nothing until it has something to say).
 */
export function lazyLogPort(create: () => LogPort): LogPort {
  let port: LogPort | undefined;
  const get = () => (port ??= create());
  return {
    warn: (fields, message) => get().warn(fields, message),
    info: (fields, message) => get().info?.(fields, message),
  };
}

/**
 * The logger of a library's options: `logger` if given, else the legacy `log` line callback, else `fallback`.
 */
export function logPortOf(
  options: { logger?: LogPort; log?: (line: string) => void },
  fallback: () => LogPort,
): LogPort {
  if (options.logger) return options.logger;
  if (options.log) return lineLogPort(options.log);
  return lazyLogPort(fallback);
}
