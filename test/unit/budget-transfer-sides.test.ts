import { sidesOf, waitingSides, type SideApprovers } from '../../src/budgets/budget-transfer-sides';

const person = (id: string) => ({ id, name: id });
const approvers = new Map<string, SideApprovers>([
  ['giving', { budgetId: 'giving', budgetName: 'Giving', owner: person('olivia'), approvers: [person('olivia'), person('boss')] }],
  ['receiving', { budgetId: 'receiving', budgetName: 'Receiving', owner: person('theo'), approvers: [person('theo'), person('boss')] }],
]);
const transfer = (fromApprovedById: string | null, toApprovedById: string | null) => ({ fromBudgetId: 'giving', toBudgetId: 'receiving', fromApprovedById, toApprovedById });

test('a side waits until someone approved it', () => {
  expect(waitingSides(transfer(null, null))).toEqual(['from', 'to']);
  expect(waitingSides(transfer('olivia', null))).toEqual(['to']);
  expect(waitingSides(transfer('olivia', 'theo'))).toEqual([]);
});

test('an approval covers the waiting sides whose owner, or the owner’s manager, approves: a manager of both owners covers both', () => {
  expect(sidesOf(transfer(null, null), approvers, 'olivia')).toEqual(['from']);
  expect(sidesOf(transfer(null, null), approvers, 'boss')).toEqual(['from', 'to']);
  expect(sidesOf(transfer('olivia', null), approvers, 'boss')).toEqual(['to']);
  expect(sidesOf(transfer(null, null), approvers, 'stranger')).toEqual([]);
  expect(sidesOf(transfer('olivia', null), approvers, 'olivia')).toEqual([]);
});
