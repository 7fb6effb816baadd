import path from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDependencies } from '../../activities';
import { prebuiltFile } from '../build-output';

/** Slots and shutdown: from the configuration (src/config/env-schema.ts); unset, the SDK's defaults. */
export type WorkerTuning = Pick<
  WorkerOptions,
  'shutdownGraceTime' | 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentWorkflowTaskExecutions' | 'maxConcurrentLocalActivityExecutions'
>;

export interface CrmWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dependencies: ActivityDependencies;
  tuning?: WorkerTuning;
  /**
   * Tests bundle once and pass it in. Otherwise the worker loads the bundle `npm run build` made
   * when running from dist/, and bundles `workflows/` itself when running from source.
   */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

// A folder, not require.resolve(): in dist/ there is no workflows/ to resolve, and this must not throw there.
export const workflowsPath = path.join(__dirname, '..', '..', 'workflows');

export function createCrmWorker(options: CrmWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: createActivities(options.dependencies),
    // The SDK sends heartbeats at most every 0.8 x heartbeatTimeout (8 s of the mailing's 10 s): 2 s of
    // slack, which a busy server eats, and the attempt times out while it still sends. Every 2 s at most.
    maxHeartbeatThrottleInterval: '2 seconds',
    ...options.tuning,
    ...workflowCode(options.workflowBundle),
  });
}

function workflowCode(given: CrmWorkerOptions['workflowBundle']): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  if (given) return { workflowBundle: given };
  const prebuilt = prebuiltFile('workflowBundle');
  return prebuilt ? { workflowBundle: { codePath: prebuilt } } : { workflowsPath };
}
