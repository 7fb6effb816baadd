import { IANAZone } from 'luxon';

/**
 * An IANA zone whose UTC offsets are remembered. Luxon asks for the offset on every step of a
 * date computation, and each answer costs an Intl formatToParts (~10 µs); the offset at an instant
 * depends only on its whole second (luxon drops the milliseconds), so a cache keyed by the second
 * answers exactly what luxon would.
 */
class RememberingZone extends IANAZone {
  private readonly offsets = new Map<number, number>();

  override offset(ts: number): number {
    const second = Math.floor(ts / 1000);
    let offset = this.offsets.get(second);
    if (offset === undefined) {
      // Bounded: a long-running worker computes dates for ever.
      if (this.offsets.size >= 100_000) this.offsets.clear();
      offset = super.offset(ts);
      this.offsets.set(second, offset);
    }
    return offset;
  }
}

// Whether a name is a zone is checked once per name: IANAZone.isValidZone builds an
// Intl.DateTimeFormat each time (~100 µs), which dominated evaluating a rule.
const zones = new Map<string, RememberingZone | null>();

/**
 * What luxon should compute in for an IANA name, or undefined when there is no such zone. UTC and
 * GMT stay names: luxon turns them into its fixed UTC zone, which needs no offset look-up at all.
 */
export function zoneNamed(name: string): RememberingZone | string | undefined {
  const lowered = name.toLowerCase();
  if (lowered === 'utc' || lowered === 'gmt') return name;
  let zone = zones.get(name);
  if (zone === undefined) {
    zone = IANAZone.isValidZone(name) ? new RememberingZone(name) : null;
    zones.set(name, zone);
  }
  return zone ?? undefined;
}
