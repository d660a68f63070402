import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** The machine's processes as /proc shows them (Linux), for tests that check what a launch leaves behind. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Arguments joined by spaces. */
  command: string;
}

export function processTable(): ProcessInfo[] {
  const table: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue; // a zombie is already gone
      table.push({ pid: Number(name), ppid, command });
    } catch {
      // exited while we read
    }
  }
  return table;
}

/** `pid` and every process below it. */
export function processTree(pid: number, table = processTable()): ProcessInfo[] {
  const tree = table.filter((p) => p.pid === pid);
  for (let i = 0; i < tree.length; i++) tree.push(...table.filter((p) => p.ppid === tree[i].pid));
  return tree;
}

export function alive(pid: number): boolean {
  return processTable().some((p) => p.pid === pid);
}

/** Processes whose command line contains `text` (e.g. a data folder). */
export function processesWith(text: string): ProcessInfo[] {
  return processTable().filter((p) => p.command.includes(text) && p.pid !== process.pid);
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs: number,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}
