import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@crm/config';

/** The broker script; this file only drives it (the JVM and its files are kafka.sh's business). */
const SCRIPT = join(__dirname, '..', '..', '..', 'infra', 'kafka', 'kafka.sh');

export interface KafkaBrokerHandle {
  /** Bootstrap address, `127.0.0.1:<port>`. */
  brokers: string;
  port: number;
  dataDir: string;
  /** Stops the JVM (SIGTERM, then SIGKILL after 30 s) and removes a data folder this call created. */
  stop(): Promise<void>;
  /** Stops the JVM and starts it again on the same port with the same data (for fault tests). */
  restart(): Promise<void>;
  /** Kills the JVM without a clean shutdown (SIGKILL); `restart()` brings it back. */
  kill(): Promise<void>;
}

export interface StartKafkaBrokerOptions {
  /** Folder for the broker's configuration, logs and data; default: a new temporary folder. */
  dataDir?: string;
  port?: number;
  controllerPort?: number;
  /** Stop the broker when this process exits (default: the current process). `null` disables. */
  watchPid?: number | null;
}

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', [SCRIPT, ...args], { maxBuffer: 10 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`kafka.sh ${args[0]} failed: ${stderr.trim() || error.message}`));
      else resolve(stdout.trim());
    });
  });
}

/** Runs `kafka.sh fetch`: downloads the broker jars once (Maven Central), no-op afterwards. */
export function fetchKafka(): Promise<string> {
  return run(['fetch']);
}

/** Starts a real single-node KRaft broker through `infra/kafka/kafka.sh` (needs java and mvn on PATH). */
export async function startKafkaBroker(options: StartKafkaBrokerOptions = {}): Promise<KafkaBrokerHandle> {
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'crm-kafka-'));
  const port = options.port ?? (await freePort());
  const controllerPort = options.controllerPort ?? (await freePort());
  const watchPid = options.watchPid === undefined ? process.pid : options.watchPid;
  const watch = watchPid === null ? [] : ['--watch-pid', String(watchPid)];
  const startArgs = ['start', '--dir', dataDir, ...watch];

  const out = await run([...startArgs, '--port', String(port), '--controller-port', String(controllerPort)]);
  const brokers = out.split('\n').pop() ?? '';
  if (!/^127\.0\.0\.1:\d+$/.test(brokers))
    throw new Error(`kafka.sh start printed no bootstrap address: ${out}`);

  return {
    brokers,
    port,
    dataDir,
    async stop() {
      await run(['stop', '--dir', dataDir]);
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
    async restart() {
      await run(['stop', '--dir', dataDir]);
      await run(startArgs);
    },
    async kill() {
      await run(['kill', '--dir', dataDir]);
    },
  };
}
