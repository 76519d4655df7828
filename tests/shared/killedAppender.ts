/**
 * One round of a crash test: an appender child process writes `open <at> <recovered>` when it has
 * opened its store, then one `ack …` line per acknowledged write; it is SIGKILLed `killAfterMs`
 * after its first ack. What it printed is read only once its stdout is drained ('close', not
 * 'exit'), so every ack it wrote is counted.
 */
import { spawn } from 'node:child_process';

/** What the killed appender said. */
export interface KilledAppender {
  /** Where it opened: the first position it would write. */
  readonly openedAt: number;
  /** What it recovered on opening, as it named it. */
  readonly recovered: string;
  /** Its `ack` lines, in order, without the `ack ` prefix. */
  readonly acks: readonly string[];
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/**
 * Runs `script` with `args` until `killAfterMs` past its first ack, then SIGKILLs it.
 * @param script - the appender
 * @param args - its arguments
 * @param killAfterMs - how long after the first ack
 * @returns what it printed
 * @throws {Error} when it never opened its store, or printed a line that is no ack
 */
export function runAppenderUntilKilled(script: string, args: readonly string[], killAfterMs: number): Promise<KilledAppender> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (timer === undefined && /^ack /m.test(stdout)) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      const lines = stdout.split('\n').filter(Boolean);
      const opened = /^open (\d+) (\S+)$/.exec(lines[0] ?? '');
      if (!opened) return reject(new Error(`the appender did not open its store (signal ${signal}):\n${stdout}\n${stderr}`));
      const acks = lines.slice(1).map((line) => {
        if (!line.startsWith('ack ')) throw new Error(`unexpected line ${JSON.stringify(line)}; stderr:\n${stderr}`);
        return line.slice('ack '.length);
      });
      resolve({ openedAt: Number(opened[1]), recovered: opened[2] as string, acks, signal, stderr });
    });
  });
}
