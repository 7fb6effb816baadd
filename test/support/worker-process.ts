import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { testService } from './test-services';

export interface WorkerProcess {
  pid: number;
  /** The last 20,000 characters of its stdout and stderr. */
  output(): string;
  /** SIGKILL: no shutdown, no heartbeat, activities cut mid-flight, like a machine that dies. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

const root = path.join(__dirname, '..', '..');

/**
 * `npm run worker` as its own process against the run's services, for tests that must kill a
 * worker for real. Answers once it polls its task queue.
 */
export async function startWorkerProcess(options: {
  databaseUrl: string;
  taskQueue: string;
  publicUrl: string;
  smtpUrl?: string;
  /** Another Temporal server (a cluster's load balancer) than the run's. */
  temporalAddress?: string;
  namespace?: string;
  /** A built entry file (`npm run build`'s worker.main.js), run by plain node; default: the source, through tsx. */
  entryFile?: string;
  /** More variables, e.g. WORKER_HEALTH_PORT. */
  env?: NodeJS.ProcessEnv;
}): Promise<WorkerProcess> {
  // tsx as a loader in this very process: its CLI would run the worker in a child that a SIGKILL
  // of the CLI leaves running.
  const args = options.entryFile ? ['--enable-source-maps', options.entryFile] : ['--import', 'tsx', path.join(root, 'src', 'worker.main.ts')];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      TEMPORAL_ADDRESS: options.temporalAddress ?? testService('temporalAddress'),
      TEMPORAL_NAMESPACE: options.namespace ?? 'default',
      TEMPORAL_TASK_QUEUE: options.taskQueue,
      SMTP_URL: options.smtpUrl ?? testService('smtpUrl'),
      PUBLIC_URL: options.publicUrl,
      MAIL_FROM: 'CRM test <crm@test>',
      LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker process did not start in 60 s:\n${output}`));
    }, 60_000);
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
    pid: child.pid!,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
