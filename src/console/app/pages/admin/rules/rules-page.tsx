import type { RuleView } from '../../../../../rule-store/rules-api.schemas';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { formatDateTime } from '../../../format';
import { href } from '../../../router';
import { useApi } from '../../../use-api';
import { triggerSummary } from './rule-summary';
import '../admin.css';
import { t } from '../../../i18n/i18n';

/** The current rule set in the order the engine runs it (priority, then key), as GET /rules answers. */
export function RulesPage() {
  const rules = useApi<{ items: RuleView[] }>('/rules');
  const items = rules.data?.items ?? [];
  return (
    <section>
      <div class="page-head">
        <h1>{t('Rules')}</h1>
        <a class="button-link" href={href('/rules/new')}>
          {t('New rule')}</a>
      </div>
      <p class="muted">{t('The engine evaluates every event against these rules in this order: lower priority first, then by key. An edit makes a new version; running timers keep the version that started them.')}</p>
      <ErrorNotice error={rules.error} title={t('The rules could not be loaded')} />
      {rules.loading && !rules.data && <Loading label={t('Loading rules…')} />}
      {rules.data && items.length === 0 && <Empty>{t('No rules.')}</Empty>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('Current rules in evaluation order')}</caption>
            <thead>
              <tr>
                <th scope="col" class="number">
                  {t('Order')}</th>
                <th scope="col">{t('Rule')}</th>
                <th scope="col">{t('When')}</th>
                <th scope="col" class="number">
                  {t('Priority')}</th>
                <th scope="col" class="number">
                  {t('Version')}</th>
                <th scope="col">{t('State')}</th>
                <th scope="col">{t('Changed')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((rule, index) => (
                <tr key={rule.key}>
                  <td class="number">{index + 1}</td>
                  <td>
                    <a href={href(`/rules/${encodeURIComponent(rule.key)}`)}>{rule.name}</a>
                    <div class="muted">
                      <code>{rule.key}</code>
                    </div>
                  </td>
                  <td>{triggerSummary(rule.trigger)}</td>
                  <td class="number">{rule.priority}</td>
                  <td class="number">{t('v{version}', { version: rule.version })}</td>
                  <td>{rule.enabled ? <span class="badge badge-approved">{t('Enabled')}</span> : <span class="badge badge-draft">{t('Disabled')}</span>}</td>
                  <td>{formatDateTime(rule.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
