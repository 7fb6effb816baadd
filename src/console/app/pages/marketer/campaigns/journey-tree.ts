import type { StartCondition } from './journey-view';

/** Where a stage sits in the journey: under the stage it waits for, and on a branch when that stage has several followers. */
export interface JourneyPlace {
  index: number;
  /** The stage it waits for (the previous one by default); null: none (the first stage, or one started by responses). */
  parent: number | null;
  /** How many branch points lie above it: the timeline indents it that much. */
  depth: number;
  /** Set on the first stage of each branch: its number among the followers of `of`. */
  branch: { of: number; number: number; count: number } | null;
}

/** The stage whose end (or approval) a stage waits for. A reference to a later stage is invalid: the stage is shown as a root. */
export function parentOf(startWhen: StartCondition | null | undefined, index: number): number | null {
  if (!startWhen) return index > 0 ? index - 1 : null;
  if (startWhen.kind === 'responses') return null;
  const stage = startWhen.stage as number | undefined;
  return typeof stage === 'number' && stage >= 0 && stage < index ? stage : null;
}

/**
 * The stages in reading order: each one under the stage it waits for, depth first, followers in
 * position order. A chain stays at one depth; where several stages wait for the same one, each
 * starts a branch one level deeper.
 */
export function journeyOrder(stages: readonly { startWhen?: StartCondition | null }[]): JourneyPlace[] {
  const parents = stages.map((stage, index) => parentOf(stage.startWhen, index));
  const followers = new Map<number, number[]>();
  parents.forEach((parent, index) => {
    if (parent !== null) followers.set(parent, [...(followers.get(parent) ?? []), index]);
  });
  const placed: JourneyPlace[] = [];
  const visit = (index: number, depth: number, branch: JourneyPlace['branch']) => {
    placed.push({ index, parent: parents[index] ?? null, depth, branch });
    const next = followers.get(index) ?? [];
    next.forEach((follower, position) =>
      visit(follower, next.length > 1 ? depth + 1 : depth, next.length > 1 ? { of: index, number: position + 1, count: next.length } : null),
    );
  };
  parents.forEach((parent, index) => {
    if (parent === null) visit(index, 0, null);
  });
  return placed;
}
