import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { testService } from './test-services';

export interface WorkerProcess {
  /** SIGKILL: no shutdown, no heartbeat, activities cut mid-flight, like a machine that dies. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

const root = path.join(__dirname, '..', '..');

/**
 * `npm run worker` as its own process against the run's services, for tests that must kill a
 * worker for real. Answers once it polls its task queue.
 */
export async function startWorkerProcess(options: { databaseUrl: string; taskQueue: string; publicUrl: string; smtpUrl?: string }): Promise<WorkerProcess> {
  // tsx as a loader in this very process: its CLI would run the worker in a child that a SIGKILL
  // of the CLI leaves running.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'worker.main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      TEMPORAL_ADDRESS: testService('temporalAddress'),
      TEMPORAL_TASK_QUEUE: options.taskQueue,
      SMTP_URL: options.smtpUrl ?? testService('smtpUrl'),
      PUBLIC_URL: options.publicUrl,
      MAIL_FROM: 'CRM test <crm@test>',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker process did not start in 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (output.includes('Temporal worker polling')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker process exited with ${code}:\n${output}`));
    });
  });
  return {
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
