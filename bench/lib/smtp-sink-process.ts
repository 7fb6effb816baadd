import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface SmtpSink {
  url: string;
  received(): Promise<number>;
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

/** Starts bench/lib/smtp-sink.ts in a child process on a free port. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const child = fork(path.join(__dirname, 'smtp-sink.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await next(child, (message) => (typeof message?.port === 'number' ? (message.port as number) : undefined));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received() {
      const answer = next(child, (message) => (typeof message?.received === 'number' ? (message.received as number) : undefined));
      child.send('count');
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
