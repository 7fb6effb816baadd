export default async function globalTeardown(): Promise<void> {
  const stops = (globalThis as { crmTestStops?: (() => Promise<void>)[] }).crmTestStops ?? [];
  for (const stop of stops.reverse()) await stop().catch((error) => console.error('teardown:', error));
}
