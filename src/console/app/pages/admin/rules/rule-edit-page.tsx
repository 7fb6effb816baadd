import type { RuleView } from '../../../../../rule-store/rules-api.schemas';
import { ErrorNotice, Loading } from '../../../components/notices';
import type { PageProps } from '../../../page-route';
import { href } from '../../../router';
import { useApi } from '../../../use-api';
import { RuleEditor } from './rule-editor';
import { definitionText, newRuleText } from './rule-text';
import '../admin.css';
import '../../account/account.css';
import { t } from '../../../i18n/i18n';

/** Edit a rule (`/rules/:key/edit`, a new version) or write a new one (`/rules/new`). */
export function RuleEditPage({ params }: PageProps) {
  const key = params.key;
  const rule = useApi<RuleView>(key ? `/rules/${encodeURIComponent(key)}` : null);
  const back = key ? `/rules/${encodeURIComponent(key)}` : '/rules';
  return (
    <section>
      <p>
        <a href={href(back)}>← {key ? t('The rule') : t('All rules')}</a>
      </p>
      <h1>{key ? rule.data ? t('Edit rule “{name}”', { name: rule.data.name }) : t('Edit rule {key}', { key }) : t('New rule')}</h1>
      {key && rule.data && <p class="muted">{t('Editing version {version}: saving writes version {next} and keeps this one for the timers it started.', { version: rule.data.version, next: rule.data.version + 1 })}</p>}
      <ErrorNotice error={rule.error} title={t('The rule could not be loaded')} />
      {key && rule.loading && !rule.data && <Loading label={t('Loading the rule…')} />}
      {key ? rule.data && <RuleEditor key={rule.data.id} ruleKey={key} initialText={definitionText(rule.data)} /> : <RuleEditor initialText={newRuleText} />}
    </section>
  );
}
