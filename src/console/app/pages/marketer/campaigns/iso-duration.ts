const UNIT_MS: Record<string, number> = { W: 7 * 86_400_000, D: 86_400_000, H: 3_600_000, M: 60_000, S: 1000 };

/**
 * The length of a simple ISO 8601 duration (P2D, PT4H, P1W, PT30S) in milliseconds, to place a WAIT
 * on the timeline; months and years have no fixed length, so they answer null (placed as unknown).
 */
export function durationMs(text: string | undefined): number | null {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text?.trim() ?? '');
  if (!match || match.slice(1).every((part) => part === undefined)) return null;
  const [, weeks, days, hours, minutes, seconds] = match;
  return (
    Number(weeks ?? 0) * UNIT_MS.W! + Number(days ?? 0) * UNIT_MS.D! + Number(hours ?? 0) * UNIT_MS.H! + Number(minutes ?? 0) * UNIT_MS.M! + Number(seconds ?? 0) * UNIT_MS.S!
  );
}
