import { CalendarForm } from './calendar-form';
import { MailingForm } from './mailing-form';
import '../admin.css';

/** The business calendar and the mailing settings: the two settings an admin changes for everyone. */
export function SettingsPage() {
  return (
    <section>
      <h1>Settings</h1>
      <CalendarForm />
      <MailingForm />
    </section>
  );
}
