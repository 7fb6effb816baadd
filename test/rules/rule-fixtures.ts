import type { EvaluationContext, RuleEvent } from '../../src/rules/decision';
import type { NextStep } from '../../src/rules/decision';
import type { ActivityType, Outcome } from '../../src/rules/lifecycle';
import { RuleDefinition, type RuleDefinitionInput, type VersionedRule } from '../../src/rules/rule.schemas';

// Thursday 2026-12-24 16:05 in Paris (UTC+1).
export const christmasEve = new Date('2026-12-24T15:05:00Z');

/** A rule as stored: parsed (so defaults apply and the test fails on an invalid rule), versioned. */
export function rule(definition: Omit<RuleDefinitionInput, 'name'> & { name?: string }, version = 1): VersionedRule {
  const parsed = RuleDefinition.parse({ name: definition.key, ...definition });
  return { ...parsed, id: `${parsed.key}@${version}`, version };
}

export function versioned(definitions: RuleDefinition[]): VersionedRule[] {
  return definitions.map((definition) => ({ ...definition, id: `${definition.key}@1`, version: 1 }));
}

export function context(overrides: { account?: Partial<EvaluationContext['account']>; now?: Date; holidays?: string[] } = {}): EvaluationContext {
  return {
    account: {
      id: 'acc-1',
      status: 'POTENTIAL',
      segment: 'pharma',
      ownerId: 'user-1',
      wasClient: false,
      fields: {},
      timeZone: 'Europe/Paris',
      ...overrides.account,
    },
    now: overrides.now ?? christmasEve,
    calendar: { weekendDays: [6, 7], holidays: overrides.holidays ?? [] },
  };
}

export function activity(type: ActivityType, outcome: Outcome | null, nextStep?: NextStep): RuleEvent {
  return { kind: 'activity_logged', activity: { id: 'act-1', type, outcome, occurredAt: christmasEve, ...(nextStep ? { nextStep } : {}) } };
}
