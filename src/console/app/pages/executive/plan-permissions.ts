import type { PlanView } from '../../../../plans/plans.schemas';
import type { Me } from '../../session';

/**
 * What the signed-in user may do with a plan, mirroring the API's checks so the page offers only
 * what will be accepted (the API still decides, and its refusal is shown).
 */
export function planPermissions(plan: PlanView, me: Me) {
  const writes = me.role === 'admin' || me.id === plan.authorId;
  const open = plan.status !== 'EXPIRED' && plan.status !== 'REJECTED';
  return {
    submit: writes && (plan.status === 'DRAFT' || plan.status === 'REJECTED'),
    decide: plan.status === 'SUBMITTED' && me.id !== plan.authorId && plan.approverIds.includes(me.id),
    change: writes && open,
  };
}
