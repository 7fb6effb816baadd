import { Router } from 'express';
import type { ApiDependencies } from './route';
import type { HttpMetrics } from './metrics';

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function check(probe: () => Promise<unknown>, raceTimeout = true): Promise<'up' | 'down'> {
  try {
    await (raceTimeout ? withTimeout(probe()) : probe());
    return 'up';
  } catch {
    return 'down';
  }
}

export function healthRoutes(deps: ApiDependencies, metrics: HttpMetrics): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/ready', async (_req, res) => {
    const [postgres, temporal] = await Promise.all([
      check(() => deps.db.$queryRaw`SELECT 1`),
      // gRPC's own deadline, not a race: the call is over when the answer is sent.
      check(async () => {
        const { client } = deps.temporal;
        await client.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () => client.workflowService.getSystemInfo({}));
      }, false),
    ]);
    const ready = postgres === 'up' && temporal === 'up';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks: { postgres, temporal } });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
