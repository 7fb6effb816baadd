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
  const authorOf = (id: string | null) => (id ? (byId.get(id)?.name ?? 'Unknown user') : 'Installed with the defaults');

  if (!rule.data) {
    return (
      <section>
        <p>
          <a href={href('/rules')}>← All rules</a>
        </p>
        <h1>Rule {key}</h1>
        <ErrorNotice error={rule.error} title="The rule could not be loaded" />
        {rule.loading && <Loading label="Loading the rule…" />}
      </section>
    );
  }
  const data = rule.data;
  const versionOptions = versions.map((version) => (
    <option key={version.version} value={version.version}>
      Version {version.version} ({formatDateTime(version.createdAt)})
    </option>
  ));
  return (
    <section>
      <p>
        <a href={href('/rules')}>← All rules</a>
      </p>
      <div class="page-head">
        <h1>{data.name}</h1>
        <a class="button-link" href={href(`/rules/${encodeURIComponent(data.key)}/edit`)}>
          Edit rule
        </a>
      </div>
      {saved && <Notice kind="success">Saved as version {saved}: events from now on use it; running timers keep the version that started them.</Notice>}
      <section class="card" aria-labelledby="rule-heading">
        <h2 id="rule-heading">Current version</h2>
        <dl class="facts">
          <dt>Key</dt>
          <dd>
            <code>{data.key}</code>
          </dd>
          <dt>When</dt>
          <dd>{triggerSummary(data.trigger)}</dd>
          <dt>State</dt>
          <dd>
            {data.enabled ? 'Enabled' : 'Disabled'}, priority {data.priority}
          </dd>
          <dt>Version</dt>
          <dd>
            {data.version}, {formatDateTime(data.createdAt)} by {authorOf(data.createdById)}
          </dd>
          {data.description && (
            <>
              <dt>Description</dt>
              <dd>{data.description}</dd>
            </>
          )}
        </dl>
        <details>
          <summary>Definition (JSON)</summary>
          <pre class="code definition">{definitionText(data)}</pre>
        </details>
      </section>

      <section class="card" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Every version, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Written</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {[...versions].reverse().map((version) => (
                <tr key={version.version}>
                  <td>
                    v{version.version}
                    {version.version === latest && <span class="badge badge-approved current-badge">Current</span>}
                  </td>
                  <td>{formatDateTime(version.createdAt)}</td>
                  <td>{authorOf(version.createdById)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3 id="diff-heading">Compare versions</h3>
        {versions.length < 2 ? (
          <p class="muted">Only one version so far: nothing to compare.</p>
        ) : (
          <>
            <form class="filters diff-choice" aria-labelledby="diff-heading" onSubmit={(event) => event.preventDefault()}>
              <Field label="From">
                {(props) => (
                  <select {...props} value={from} onChange={(event) => setFrom(Number(event.currentTarget.value))}>
                    {versionOptions}
                  </select>
                )}
              </Field>
              <Field label="To">
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
