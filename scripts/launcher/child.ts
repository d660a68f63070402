import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * One Node child process of the launcher. Started `detached` (its own process group: a Ctrl-C in the terminal
 * reaches the launcher only, which then stops its children in order) and with an IPC channel (the child stops
 * itself when the launcher is gone: `stopWhenParentExits` of @crm/config). Its output is copied line by line
 * with a `[name]` prefix.
 */
export interface Child {
  name: string;
  pid: number;
  process: ChildProcess;
  /** Resolves once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * SIGTERM to the process (its own handler stops what it started), SIGKILL to its whole process group after
   * `graceMs`; resolves once it has exited. Whatever of its process group outlives it is killed on its exit.
   */
  stop(graceMs: number): Promise<void>;
}

/** The code this launcher runs from: the repository root (sources through ts-node) or `dist/` (the build). */
export const CODE_ROOT = join(__dirname, '..', '..');
export const COMPILED = __filename.endsWith('.js');

/** `node` arguments that run `<file>` (repository-relative, no extension) from the sources or the build. */
export function nodeArguments(file: string): string[] {
  return COMPILED
    ? [join(CODE_ROOT, `${file}.js`)]
    : [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        join(CODE_ROOT, `${file}.ts`),
      ];
}

/** The environment a child needs to run from the sources (ts-node and tsconfig-paths find the project). */
export function sourceEnvironment(): Record<string, string> {
  return COMPILED ? {} : { TS_NODE_PROJECT: join(CODE_ROOT, 'tsconfig.json') };
}

/** Copies a stream line by line, each line prefixed with `[name]` unless it already starts with it. */
export function copyLines(name: string, from: NodeJS.ReadableStream, write: (line: string) => void): void {
  let pending = '';
  const tag = `[${name}]`;
  const emit = (line: string) => write(line.startsWith(tag) ? line : `${tag} ${line}`);
  from.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    lines.forEach(emit);
  });
  from.on('end', () => pending && emit(pending));
}

export function startChild(options: {
  name: string;
  file: string;
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
}): Child {
  const child = spawn(process.execPath, nodeArguments(options.file), {
    cwd: process.cwd(),
    env: { ...options.env, ...sourceEnvironment() },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  copyLines(options.name, child.stdout!, options.out);
  copyLines(options.name, child.stderr!, options.out);
  const signal = (target: number, name: NodeJS.Signals) => {
    try {
      process.kill(target, name);
    } catch {
      // already gone
    }
  };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, name) => {
      if (child.pid !== undefined) signal(-child.pid, 'SIGKILL'); // nothing of its group may outlive it
      resolve({ code, signal: name });
    });
    child.on('error', (e) => {
      options.out(`[${options.name}] ${e.message}`);
      if (child.pid === undefined) resolve({ code: null, signal: null }); // never started
    });
  });
  return {
    name: options.name,
    pid: child.pid ?? -1,
    process: child,
    exited,
    async stop(graceMs: number) {
      if (child.pid === undefined) return;
      if (child.exitCode === null && child.signalCode === null) signal(child.pid, 'SIGTERM');
      const timer = setTimeout(() => signal(-child.pid!, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
