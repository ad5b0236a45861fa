import { readFileSync, readdirSync } from 'node:fs';

/** USER_HZ of /proc: 100 on every Linux the benchmark runs on. */
const TICKS_PER_SECOND = 100;

/** Which process a CPU second belongs to, by its command name. */
const COMPONENTS: readonly { name: string; matches: (comm: string) => boolean }[] = [
  { name: 'postgres', matches: (comm) => comm === 'postgres' },
  { name: 'kafka', matches: (comm) => comm === 'java' },
  { name: 'mariadb', matches: (comm) => comm === 'mariadbd' || comm === 'mysqld' },
];

export interface CpuSnapshot {
  busyTicks: number;
  totalTicks: number;
  byComponent: Record<string, number>;
}

/** Where the machine's CPU went between two snapshots, in seconds, and how busy its cores were. */
export interface CpuUse {
  /** Busy share of all cores over the interval (1 = every core busy all the time). */
  machineBusy: number;
  /** CPU seconds per server process group (children that exited included). */
  seconds: Record<string, number>;
}

/**
 * Reads /proc: the machine's busy and total ticks, and utime + stime (with reaped children,
 * so PostgreSQL backends that ended still count in the postmaster) per server component.
 */
export function cpuSnapshot(): CpuSnapshot {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const byComponent: Record<string, number> = Object.fromEntries(
    COMPONENTS.map(({ name }) => [name, 0]),
  );
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while listed
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const component = COMPONENTS.find(({ matches }) => matches(comm));
    if (component === undefined) continue;
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime: fields 14 to 17, at 11 to 14 after the name.
    const ticks = [11, 12, 13, 14].reduce((sum, at) => sum + Number(rest[at] ?? 0), 0);
    byComponent[component.name] = (byComponent[component.name] ?? 0) + ticks;
  }
  return { busyTicks: total - idle, totalTicks: total, byComponent };
}

export function cpuUseBetween(before: CpuSnapshot, after: CpuSnapshot): CpuUse {
  const total = after.totalTicks - before.totalTicks;
  const seconds: Record<string, number> = {};
  for (const [name, ticks] of Object.entries(after.byComponent)) {
    seconds[name] =
      Math.round(((ticks - (before.byComponent[name] ?? 0)) / TICKS_PER_SECOND) * 10) / 10;
  }
  return {
    machineBusy:
      total > 0 ? Math.round(((after.busyTicks - before.busyTicks) / total) * 100) / 100 : 0,
    seconds,
  };
}
