export type Role = 'admin' | 'marketer' | 'manager';

/** Who makes a request: resolved from their API key, checked by every use case. */
export interface Caller {
  id: string;
  email: string;
  name: string;
  role: Role;
}
