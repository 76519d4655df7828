/**
 * What the crash tests share for the processes they kill: start a Node script in its own
 * process group (so a SIGKILL reaches all of it and the terminal's Ctrl-C none of it), keep the
 * tail of its output for failure messages, wait until its output says it is ready, signal its
 * group, stop it (SIGTERM, then SIGKILL after 5 s), and kill whatever is still running if the
 * test worker exits first.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** Output kept per process, for failure messages. */
const OUTPUT_KEPT = 16_000;

/** Processes started and not yet seen to close, killed if the worker dies first. */
const running = new Set<ChildProcess>();
const killRunning = (): void => {
  for (const child of running) if (child.pid) signalGroup(child.pid, 'SIGKILL');
};
process.once('exit', killRunning);

/** A started process. */
export interface CrashProcess<Ready> {
  readonly child: ChildProcess;
  /** What `ready` read from the output. */
  readonly ready: Ready;
  /** Everything the process wrote so far (the last 16 kB). */
  output(): string;
  /** Resolves with the exit signal or code once the process has exited and its pipes are drained. */
  readonly closed: Promise<NodeJS.Signals | number | null>;
}

/** Options of {@link startProcess}. */
export interface StartProcessOptions<Ready> {
  /** The script Node runs, and its arguments. */
  readonly script: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** What the output says once the process is ready, or `undefined` while it is not yet. */
  readonly ready: (output: string) => Ready | undefined;
  readonly timeoutMs: number;
  /** How failure messages name the process. */
  readonly name: string;
}

/** Starts `script` in its own process group and waits until `ready` finds what it needs in its output. */
export function startProcess<Ready>(options: Readonly<StartProcessOptions<Ready>>): Promise<CrashProcess<Ready>> {
  const child = spawn(process.execPath, [options.script, ...options.args], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
  };
  child.stderr?.on('data', keep);
  child.stdout?.on('data', keep);
  // 'close', not 'exit': the pipes are drained, so the output is complete.
  const closed = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve(signal ?? code);
    }),
  );
  return new Promise<CrashProcess<Ready>>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      signalGroup(child.pid as number, 'SIGKILL');
      reject(new Error(`${options.name} did not start within ${options.timeoutMs} ms:\n${output}`));
    }, options.timeoutMs);
    child.on('error', (error) => reject(new Error(`cannot start ${options.script}: ${error.message}`)));
    void closed.then((status) => {
      clearTimeout(timer);
      if (!settled) reject(new Error(`${options.name} exited (${status}) before it was ready:\n${output}`));
    });
    child.stdout?.on('data', () => {
      if (settled) return;
      const ready = options.ready(output);
      if (ready === undefined) return;
      settled = true;
      clearTimeout(timer);
      resolve({ child, ready, output: () => output, closed });
    });
  });
}

/** Stops a process: SIGTERM to its group, SIGKILL if it is still there after 5 s; returns its exit status. */
export async function stopProcess(child: ChildProcess): Promise<NodeJS.Signals | number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.signalCode ?? child.exitCode;
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('close', (code, signal) => resolve(signal ?? code)));
  signalGroup(child.pid as number, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child.pid as number, 'SIGKILL'), 5000);
  const status = await exited;
  clearTimeout(timer);
  return status;
}

/** Stops every process started here that is still running. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((child) => stopProcess(child)));
}

/** Signals every process of the group `pid` leads. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/** `items.map(fn)` with at most `limit` calls pending at once, results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
