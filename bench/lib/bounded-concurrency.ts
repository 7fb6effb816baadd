/** Runs `task` over `items`, at most `concurrency` at a time; answers how many failed, with each failure's message counted. */
export async function runBounded<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<unknown>): Promise<{ failed: number; failures: Record<string, number> }> {
  const failures: Record<string, number> = {};
  let failed = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++];
        await task(item).catch((error: Error) => {
          failed++;
          failures[error.message] = (failures[error.message] ?? 0) + 1;
        });
      }
    }),
  );
  return { failed, failures };
}
