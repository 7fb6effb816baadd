import { signal } from './signal';

export type Role = 'admin' | 'marketer' | 'manager';

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
}

const KEY_NAME = 'crm.apiKey';
const storages = () => [window.sessionStorage, window.localStorage];

/** Who is signed in; the key stays in this tab (sessionStorage) unless the user asked to be remembered. */
export const currentUser = signal<Me | null>(null);

export const session = {
  key(): string | null {
    for (const storage of storages()) {
      const key = storage.getItem(KEY_NAME);
      if (key) return key;
    }
    return null;
  },
  signIn(key: string, me: Me, remember: boolean) {
    this.signOut();
    (remember ? window.localStorage : window.sessionStorage).setItem(KEY_NAME, key);
    currentUser.set(me);
  },
  signOut() {
    for (const storage of storages()) storage.removeItem(KEY_NAME);
    currentUser.set(null);
  },
};
