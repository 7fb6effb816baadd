import type { RuleView } from '../../../../../rule-store/rules-api.schemas';
import { ErrorNotice, Loading } from '../../../components/notices';
import type { PageProps } from '../../../page-route';
import { href } from '../../../router';
import { useApi } from '../../../use-api';
import { RuleEditor } from './rule-editor';
import { definitionText, newRuleText } from './rule-text';
import '../admin.css';
import '../../account/account.css';

/** Edit a rule (`/rules/:key/edit`, a new version) or write a new one (`/rules/new`). */
export function RuleEditPage({ params }: PageProps) {
  const key = params.key;
  const rule = useApi<RuleView>(key ? `/rules/${encodeURIComponent(key)}` : null);
  const back = key ? `/rules/${encodeURIComponent(key)}` : '/rules';
  return (
    <section>
      <p>
        <a href={href(back)}>← {key ? 'The rule' : 'All rules'}</a>
      </p>
      <h1>{key ? `Edit rule ${rule.data ? `“${rule.data.name}”` : key}` : 'New rule'}</h1>
      {key && rule.data && <p class="muted">Editing version {rule.data.version}: saving writes version {rule.data.version + 1} and keeps this one for the timers it started.</p>}
      <ErrorNotice error={rule.error} title="The rule could not be loaded" />
      {key && rule.loading && !rule.data && <Loading label="Loading the rule…" />}
      {key ? rule.data && <RuleEditor key={rule.data.id} ruleKey={key} initialText={definitionText(rule.data)} /> : <RuleEditor initialText={newRuleText} />}
    </section>
  );
}
