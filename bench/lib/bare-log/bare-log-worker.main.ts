// The bare baseline's worker, in a process of its own like the system's worker (bench/lib/bench-system.ts),
// so its CPU is measured apart. Environment: DATABASE_URL, TEMPORAL_ADDRESS. Stopped with SIGTERM.
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createPrismaClient } from '../../../src/db/prisma';
import { createBareLogActivities } from './bare-log.activities';
import { BARE_LOG_TASK_QUEUE } from './bare-log-route';

async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const db = createPrismaClient(process.env.DATABASE_URL!);
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await Worker.create({ connection, taskQueue: BARE_LOG_TASK_QUEUE, workflowsPath: require.resolve('./bare-log.workflow'), activities: createBareLogActivities(db) });
  process.once('SIGTERM', () => worker.shutdown());
  process.send?.('ready');
  await worker.run();
  await connection.close();
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
