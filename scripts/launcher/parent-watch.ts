import { readFileSync } from 'node:fs';

/**
 * npm does not reliably pass a SIGTERM on to the script it runs: `npm start` runs `sh -c <script>`, forwards
 * the signal to that shell and exits, and the shell dies without passing it on. The launcher would be left
 * running, orphaned. So the launcher watches the process that started it and, when it was started by an npm
 * script through a shell, that shell's parent (npm) too, and stops when one of them is gone.
 */
const SHELLS = new Set(['sh', 'dash', 'bash', 'zsh', 'ash', 'ksh']);

interface Watched {
  pid: number;
  /** Start time from /proc/<pid>/stat (tells a reused pid apart); undefined without /proc. */
  started?: string;
}

function stat(pid: number): { comm: string; ppid: number; started: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' '); // from field 3 (state) on
    return { comm: text.slice(text.indexOf('(') + 1, close), ppid: Number(fields[1]), started: fields[19] };
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid exists (signal 0; EPERM means it exists under another user). */
export function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function alive(w: Watched): boolean {
  return w.started !== undefined ? stat(w.pid)?.started === w.started : processRunning(w.pid);
}

/** The processes to watch: the parent, and npm above it when the parent is the shell of an npm script. */
export function watchedAncestors(env: NodeJS.ProcessEnv = process.env): Watched[] {
  const parent = stat(process.ppid);
  const watched: Watched[] = [{ pid: process.ppid, started: parent?.started }];
  if (parent && env.npm_lifecycle_event && SHELLS.has(parent.comm) && parent.ppid > 1) {
    watched.push({ pid: parent.ppid, started: stat(parent.ppid)?.started });
  }
  return watched;
}

/** Calls `onGone` once when a watched ancestor has exited (polled every `intervalMs`). Returns a stop function. */
export function whenParentExits(onGone: (pid: number) => void, intervalMs = 500): () => void {
  const watched = watchedAncestors();
  const parent = process.ppid;
  const timer = setInterval(() => {
    const gone = process.ppid !== parent ? watched[0] : watched.find((w) => !alive(w));
    if (!gone) return;
    clearInterval(timer);
    onGone(gone.pid);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
