import type { ActivityDependencies } from './dependencies';
import { retryableFailure } from './failures';

export function createUserActivities({ db, mailer, publicUrl }: ActivityDependencies) {
  const mailDomain = new URL(publicUrl).hostname;
  return {
    /** Idempotent: a retry after the send but before the record sends the same Message-ID again. */
    async sendWelcomeEmail({ userId }: { userId: string }): Promise<{ messageId: string }> {
      const messageId = `<welcome-${userId}@${mailDomain}>`;
      const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, name: true, role: true, welcomeEmailSentAt: true } });
      if (!user) throw retryableFailure('NOT_FOUND', `user ${userId} not found (yet)`);
      if (user.welcomeEmailSentAt) return { messageId };

      await mailer.send({
        to: user.email,
        subject: 'Your CRM account is ready',
        messageId,
        text: [
          `Hello ${user.name},`,
          '',
          `An account with the role "${user.role}" was created for you.`,
          `Sign in to the console at ${publicUrl}/console/ with this e-mail address: it sends you a sign-in link.`,
          'For scripts and integrations, create API keys under "My account" once signed in.',
          `The API and its documentation: ${publicUrl}/docs`,
        ].join('\n'),
      });
      await db.user.update({ where: { id: userId }, data: { welcomeEmailSentAt: new Date() } });
      return { messageId };
    },
  };
}

export type UserActivities = ReturnType<typeof createUserActivities>;
