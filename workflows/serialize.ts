/**
 * Runs async steps one after another in the order they were asked for: updates that arrive
 * together are applied in order and none is lost. Deterministic, so safe in workflow code.
 */
export function createSerializer() {
  let tail: Promise<unknown> = Promise.resolve();
  return function serialized<T>(step: () => Promise<T>): Promise<T> {
    const run = tail.then(step);
    tail = run.catch(() => undefined);
    return run;
  };
}
