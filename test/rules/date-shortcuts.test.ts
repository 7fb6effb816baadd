import { DateTime, Duration, IANAZone } from 'luxon';
import { addDuration, formatLocal, inZone } from '../../src/rules/due-date';
import { zoneNamed } from '../../src/rules/time-zones';

// The engine's shortcuts must answer exactly what luxon does: compared here on instants spread over
// years, around DST changes, in zones with odd offsets.
const zones = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'UTC', 'Etc/GMT+5'];
const instants = Array.from({ length: 4000 }, (_, index) => new Date(Date.UTC(2024, 0, 1) + index * 7_919_999 + (index % 1000)));

test('when a zone remembers its offsets then every offset is the one luxon computes', () => {
  // UTC stays a name: luxon's own fixed zone needs no look-up.
  expect(zoneNamed('UTC')).toBe('UTC');
  for (const name of zones.filter((zone) => zone !== 'UTC')) {
    const zone = zoneNamed(name);
    if (typeof zone !== 'object' || !zone) throw new Error(`${name} should be a remembering zone`);
    const plain = IANAZone.create(name);
    for (const instant of [...instants, ...instants]) expect(zone.offset(instant.getTime())).toBe(plain.offset(instant.getTime()));
  }
});

test('when a duration is hours or less then adding it without luxon lands on luxon’s instant', () => {
  for (const after of ['PT24H', 'PT1H30M', 'PT90M', 'PT2S', 'PT48H']) {
    for (const name of zones) {
      for (const instant of instants.slice(0, 500)) {
        expect(addDuration(after, instant, name)).toEqual(DateTime.fromJSDate(instant, { zone: name }).plus(Duration.fromISO(after)).toJSDate());
      }
    }
  }
  expect(() => addDuration('PT1H', new Date(), 'Mars/Olympus_Mons')).toThrow(/Unknown time zone/);
});

test('when a local time is formatted then it reads as toFormat would', () => {
  for (const name of zones) {
    for (const instant of instants.slice(0, 300)) {
      const local = inZone(instant, name);
      expect(formatLocal(local)).toBe(`${local.toFormat('yyyy-MM-dd HH:mm')} ${local.zoneName}`);
    }
  }
});
