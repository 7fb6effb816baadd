const units: [string, number][] = [['d', 86_400], ['h', 3_600], ['min', 60], ['s', 1]];

/** A median stay for people: "3 d 4 h", "5 h 20 min", "45 s"; the largest two units are precise enough. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const total = Math.round(seconds);
  const first = units.findIndex(([, size]) => total >= size);
  if (first === -1) return '0 s';
  const [unit, size] = units[first]!;
  const parts = [`${Math.floor(total / size)} ${unit}`];
  const next = units[first + 1];
  if (next && Math.floor((total % size) / next[1]) > 0) parts.push(`${Math.floor((total % size) / next[1])} ${next[0]}`);
  return parts.join(' ');
}
