import { z } from 'zod';

export const EmailLinkRequest = z
  .strictObject({
    email: z
      .email()
      .max(254)
      .transform((email) => email.toLowerCase()),
  })
  .meta({ id: 'EmailLinkRequest' });
export type EmailLinkRequest = z.output<typeof EmailLinkRequest>;

/** What the console's sign-in page offers (GET /auth/sign-in-options). */
export interface SignInOptions {
  emailLink: true;
  oidc: { label: string; url: string } | null;
}

/** GET /auth/session: who the session cookie signs in, and the token its state-changing requests send back. */
export interface CurrentSession {
  user: { id: string; email: string; name: string; role: 'admin' | 'marketer' | 'manager' };
  csrfToken: string;
  expiresAt: string;
}
