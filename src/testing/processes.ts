import fs from 'node:fs';

/** The parent pid of a process, from /proc (Linux). */
export function parentPid(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may contain spaces and parentheses; the fields after the last ')' do not.
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** Pids of the running processes that match, by their argument list. */
export function processesWhere(match: (args: string[], pid: number) => boolean): number[] {
  return fs
    .readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .map(Number)
    .filter((pid) => {
      try {
        return match(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'), pid);
      } catch {
        return false; // the process ended while we looked
      }
    });
}

/** The children of a process. */
export function childrenOf(pid: number): number[] {
  return processesWhere((_args, p) => parentPid(p) === pid);
}
