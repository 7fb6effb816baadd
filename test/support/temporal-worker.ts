import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import type { ActivityDependencies } from '../../activities';
import { createCrmWorker, workflowsPath } from '../../src/temporal/worker';
import { testService } from './test-services';

// The SDK logs every worker state change at INFO; tests show warnings and errors only.
Runtime.install({ logger: new DefaultLogger((process.env.TEST_LOG_LEVEL?.toUpperCase() as 'WARN') ?? 'WARN') });

let bundle: ReturnType<typeof bundleWorkflowCode> | undefined;

/** Bundling takes about a second: once per test file. */
export function workflowBundle() {
  bundle ??= bundleWorkflowCode({ workflowsPath, logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never });
  return bundle;
}

export interface TestWorker {
  client: Client;
  taskQueue: string;
  worker: Worker;
  stop(): Promise<void>;
}

/** A real worker on a task queue of its own, against the run's Temporal server (or `address`). */
export async function startTestWorker(
  dependencies: ActivityDependencies,
  taskQueue = `test-${randomUUID()}`,
  address = testService('temporalAddress'),
  /** Another release's workflow code (upgrade tests); the current code otherwise. */
  bundle?: { code: string },
): Promise<TestWorker> {
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await createCrmWorker({ connection: nativeConnection, namespace: 'default', taskQueue, dependencies, workflowBundle: bundle ?? (await workflowBundle()) });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  let stopped: Promise<void> | undefined;
  return {
    client: new Client({ connection, namespace: 'default' }),
    taskQueue,
    worker,
    stop() {
      stopped ??= (async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
        await nativeConnection.close();
        await connection.close();
      })();
      return stopped;
    },
  };
}
