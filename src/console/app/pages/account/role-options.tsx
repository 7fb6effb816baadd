import { roleLabel } from './role-label';

export const ROLES = ['admin', 'manager', 'marketer'] as const;

/** The `<option>`s of a role picker, in the order given. */
export function RoleOptions({ roles = ROLES }: { roles?: readonly (typeof ROLES)[number][] }) {
  return (
    <>
      {roles.map((role) => (
        <option key={role} value={role}>
          {roleLabel(role)}
        </option>
      ))}
    </>
  );
}
