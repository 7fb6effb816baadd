import { useEffect, useState } from 'preact/hooks';
import type { RuleDetail } from '../../../../../rule-store/rules-api.schemas';
import type { z } from 'zod';
import { Field } from '../../../components/field';
import { ErrorNotice, Loading, Notice } from '../../../components/notices';
import { formatDateTime } from '../../../format';
import type { PageProps } from '../../../page-route';
import { href } from '../../../router';
import { useApi } from '../../../use-api';
import { useAllUsers } from '../users/use-all-users';
import { RuleDiff } from './rule-diff';
import { triggerSummary } from './rule-summary';
import { definitionText } from './rule-text';
import '../admin.css';
import { t } from '../../../i18n/i18n';

type RuleWithVersions = z.output<typeof RuleDetail>;

/** One rule: its current definition, every version, and a diff between any two of them. */
export function RulePage({ params, query }: PageProps) {
  const key = params.key ?? '';
  const rule = useApi<RuleWithVersions>(`/rules/${encodeURIComponent(key)}`);
  const { byId } = useAllUsers();
  const versions = rule.data?.versions ?? [];
  const latest = rule.data?.version ?? 0;
  const [from, setFrom] = useState(0);
  const [to, setTo] = useState(0);
  // By default the diff shows what the last edit changed.
  useEffect(() => {
    if (!latest) return;
    setTo(latest);
    setFrom(Math.max(1, latest - 1));
  }, [latest]);
  const saved = query.get('saved');
  const authorOf = (id: string | null) => (id ? (byId.get(id)?.name ?? t('Unknown user')) : t('Installed with the defaults'));

  if (!rule.data) {
    return (
      <section>
        <p>
          <a href={href('/rules')}>{t('← All rules')}</a>
        </p>
        <h1>{t('Rule {key}', { key })}</h1>
        <ErrorNotice error={rule.error} title={t('The rule could not be loaded')} />
        {rule.loading && <Loading label={t('Loading the rule…')} />}
      </section>
    );
  }
  const data = rule.data;
  const versionOptions = versions.map((version) => (
    <option key={version.version} value={version.version}>
      {t('Version {version} ({createdAt})', { version: version.version, createdAt: formatDateTime(version.createdAt) })}</option>
  ));
  return (
    <section>
      <p>
        <a href={href('/rules')}>{t('← All rules')}</a>
      </p>
      <div class="page-head">
        <h1>{data.name}</h1>
        <a class="button-link" href={href(`/rules/${encodeURIComponent(data.key)}/edit`)}>
          {t('Edit rule')}</a>
      </div>
      {saved && <Notice kind="success">{t('Saved as version {saved}: events from now on use it; running timers keep the version that started them.', { saved })}</Notice>}
      <section class="card" aria-labelledby="rule-heading">
        <h2 id="rule-heading">{t('Current version')}</h2>
        <dl class="facts">
          <dt>{t('Key')}</dt>
          <dd>
            <code>{data.key}</code>
          </dd>
          <dt>{t('When')}</dt>
          <dd>{triggerSummary(data.trigger)}</dd>
          <dt>{t('State')}</dt>
          <dd>
            {data.enabled ? t('Enabled') : t('Disabled')}{t(', priority {priority}', { priority: data.priority })}
          </dd>
          <dt>{t('Version')}</dt>
          <dd>
            {t('{version}, {createdAt} by {createdById}', { version: data.version, createdAt: formatDateTime(data.createdAt), createdById: authorOf(data.createdById) })}
          </dd>
          {data.description && (
            <>
              <dt>{t('Description')}</dt>
              <dd>{data.description}</dd>
            </>
          )}
        </dl>
        <details>
          <summary>{t('Definition (JSON)')}</summary>
          <pre class="code definition">{definitionText(data)}</pre>
        </details>
      </section>

      <section class="card" aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t('Versions')}</h2>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('Every version, newest first')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Version')}</th>
                <th scope="col">{t('Written')}</th>
                <th scope="col">{t('By')}</th>
              </tr>
            </thead>
            <tbody>
              {[...versions].reverse().map((version) => (
                <tr key={version.version}>
                  <td>
                    {t('v{version}', { version: version.version })}
                    {version.version === latest && <span class="badge badge-approved current-badge">{t('Current')}</span>}
                  </td>
                  <td>{formatDateTime(version.createdAt)}</td>
                  <td>{authorOf(version.createdById)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3 id="diff-heading">{t('Compare versions')}</h3>
        {versions.length < 2 ? (
          <p class="muted">{t('Only one version so far: nothing to compare.')}</p>
        ) : (
          <>
            <form class="filters diff-choice" aria-labelledby="diff-heading" onSubmit={(event) => event.preventDefault()}>
              <Field label={t('From')}>
                {(props) => (
                  <select {...props} value={from} onChange={(event) => setFrom(Number(event.currentTarget.value))}>
                    {versionOptions}
                  </select>
                )}
              </Field>
              <Field label={t('To')}>
                {(props) => (
                  <select {...props} value={to} onChange={(event) => setTo(Number(event.currentTarget.value))}>
                    {versionOptions}
                  </select>
                )}
              </Field>
            </form>
            {from > 0 && to > 0 && <RuleDiff ruleKey={data.key} from={from} to={to} />}
          </>
        )}
      </section>
    </section>
  );
}
