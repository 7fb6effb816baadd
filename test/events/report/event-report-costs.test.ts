import { eventCostFigures, perUnit } from '../../../src/events/event-report-costs';
import { fromCents, toCents } from '../../../src/schemas/cents';

describe('eventCostFigures', () => {
  test('when some cost line has an actual amount then the per-head figures share the actual cost', () => {
    expect(eventCostFigures({ planned: '1500.00', actual: '1200.00', hasActual: true }, 3, 2)).toEqual({
      plannedCost: '1500.00',
      actualCost: '1200.00',
      costPerAttendee: '400.00',
      costPerContract: '600.00',
    });
  });

  test('when no cost line has an actual amount then the per-head figures share the planned cost', () => {
    expect(eventCostFigures({ planned: '1000', actual: '0', hasActual: false }, 3, 1)).toEqual({
      plannedCost: '1000.00',
      actualCost: '0.00',
      costPerAttendee: '333.33',
      costPerContract: '1000.00',
    });
  });

  test('when nobody attended and nobody signed then the per-head figures are null', () => {
    expect(eventCostFigures({ planned: '250.50', actual: '0.00', hasActual: true }, 0, 0)).toEqual({
      plannedCost: '250.50',
      actualCost: '0.00',
      costPerAttendee: null,
      costPerContract: null,
    });
  });
});

describe('perUnit', () => {
  test('when the share ends in half a cent or more then it rounds up, below half a cent down', () => {
    expect(perUnit(toCents('0.05'), 2)).toBe('0.03');
    expect(perUnit(toCents('0.10'), 3)).toBe('0.03');
    expect(perUnit(toCents('2.00'), 3)).toBe('0.67');
  });

  test('when the amount is beyond what a float holds to the cent then the share is still exact', () => {
    expect(perUnit(toCents('99999999999999999.99'), 1)).toBe('99999999999999999.99');
    expect(perUnit(toCents('10000000000000000.01'), 2)).toBe('5000000000000000.01');
  });

  test('when there is no unit then there is no share', () => {
    expect(perUnit(100n, 0)).toBeNull();
  });
});

describe('toCents and fromCents', () => {
  test('when amounts have zero, one or two decimals then they convert both ways', () => {
    expect(toCents('12')).toBe(1200n);
    expect(toCents('12.5')).toBe(1250n);
    expect(toCents('-0.07')).toBe(-7n);
    expect(fromCents(1250n)).toBe('12.50');
    expect(fromCents(-7n)).toBe('-0.07');
    expect(fromCents(0n)).toBe('0.00');
  });

  test('when the text is not a decimal with at most two places then it is refused', () => {
    expect(() => toCents('1.234')).toThrow('at most two places');
    expect(() => toCents('abc')).toThrow('at most two places');
  });
});
