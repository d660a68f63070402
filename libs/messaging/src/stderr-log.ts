import type { LogPort } from '@crm/kernel';

/**
 * The default logger of the relay, the projection runner and the PostgreSQL bus: one JSON line per warning
 * on stderr (`{"level":"warn","name":...,"msg":...,...fields}`). These libraries cannot depend on the
 * personal-data redacting logger of @crm/pii (it sits above them); they never log payloads, and every
 * service passes the redacting logger (`logger`) through the service kit.
 */
export function stderrJsonLogPort(name: string): LogPort {
  return {
    warn: (fields, message) =>
      process.stderr.write(
        `${JSON.stringify({ level: 'warn', time: Date.now(), name, ...fields, msg: message })}\n`,
      ),
  };
}
