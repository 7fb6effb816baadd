import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface SmtpSink {
  url: string;
  /** The sink's process, for its CPU. */
  pid: number;
  received(): Promise<number>;
  /** From now on, counts the messages whose Message-ID starts with `prefix` (forgetting an earlier prefix's). */
  track(prefix: string): Promise<void>;
  tracked(): Promise<TrackedMessages>;
  stop(): Promise<void>;
}

function next<T>(child: ChildProcess, test: (message: any) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      const value = test(message);
      if (value === undefined) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(value);
    };
    const onExit = (code: number | null) => reject(new Error(`the SMTP sink exited (${code})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** What the sink counted of the tracked messages (times in epoch milliseconds, seconds as epoch seconds). */
export interface TrackedMessages {
  distinct: number;
  /** Messages whose Message-ID had arrived before. */
  copies: number;
  firstAt: number | null;
  lastAt: number | null;
  perSecond: Record<number, number>;
  /** Copies among all messages received, tracked or not. */
  copiesOfAnyMessage: number;
}

/** Starts bench/lib/smtp-sink.ts in a child process on a free port. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const child = fork(path.join(__dirname, 'smtp-sink.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await next(child, (message) => (typeof message?.port === 'number' ? (message.port as number) : undefined));
  return {
    url: `smtp://127.0.0.1:${port}`,
    pid: child.pid!,
    received() {
      const answer = next(child, (message) => (typeof message?.received === 'number' ? (message.received as number) : undefined));
      child.send('count');
      return answer;
    },
    async track(prefix) {
      const answer = next(child, (message) => (message?.tracking === prefix ? true : undefined));
      child.send({ track: prefix });
      await answer;
    },
    tracked() {
      const answer = next(child, (message) => (typeof message?.tracked === 'object' ? (message.tracked as TrackedMessages) : undefined));
      child.send('tracked');
      return answer;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      await exited;
    },
  };
}
