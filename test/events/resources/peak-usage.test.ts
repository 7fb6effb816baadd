import { peakUsage } from '../../../src/resources/peak-usage';

const h = (hour: number) => new Date(Date.UTC(2030, 0, 1, hour));
const holding = (from: number, to: number, quantity: number) => ({ startsAt: h(from), endsAt: h(to), quantity });

describe('peakUsage', () => {
  test('when holdings overlap only partly then the peak is the largest sum at one instant inside the span', () => {
    const holdings = [holding(0, 4, 6), holding(2, 6, 4), holding(5, 8, 3)];
    expect(peakUsage(holdings, { startsAt: h(0), endsAt: h(8) })).toBe(10);
    expect(peakUsage(holdings, { startsAt: h(4), endsAt: h(8) })).toBe(7);
    expect(peakUsage(holdings, { startsAt: h(6), endsAt: h(7) })).toBe(3);
  });

  test('when holdings only touch the span at its ends then they hold nothing in it', () => {
    const holdings = [holding(0, 2, 5), holding(4, 6, 5)];
    expect(peakUsage(holdings, { startsAt: h(2), endsAt: h(4) })).toBe(0);
    expect(peakUsage([], { startsAt: h(2), endsAt: h(4) })).toBe(0);
  });

  test('when one holding ends as another starts then they are not added up', () => {
    expect(peakUsage([holding(0, 2, 5), holding(2, 4, 4)], { startsAt: h(0), endsAt: h(4) })).toBe(5);
  });
});
