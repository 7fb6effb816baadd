import { CalendarForm } from './calendar-form';
import { MailingForm } from './mailing-form';
import '../admin.css';
import { t } from '../../../i18n/i18n';

/** The business calendar and the mailing settings: the two settings an admin changes for everyone. */
export function SettingsPage() {
  return (
    <section>
      <h1>{t('Settings')}</h1>
      <CalendarForm />
      <MailingForm />
    </section>
  );
}
