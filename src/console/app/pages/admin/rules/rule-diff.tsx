import type { RuleView } from '../../../../../rule-store/rules-api.schemas';
import { ErrorNotice, Loading } from '../../../components/notices';
import { useApi } from '../../../use-api';
import { countChanges, diffLines } from './line-diff';
import { definitionText } from './rule-text';
import { msg, t, tp } from '../../../i18n/i18n';

/**
 * Two versions of a rule compared line by line, on their definitions as the editor shows them
 * (pretty-printed JSON). Each changed line says "added" or "removed" in words as well as in colour.
 */
export function RuleDiff({ ruleKey, from, to }: { ruleKey: string; from: number; to: number }) {
  const versionPath = (version: number) => `/rules/${encodeURIComponent(ruleKey)}/versions/${version}`;
  const older = useApi<RuleView>(versionPath(from));
  const newer = useApi<RuleView>(versionPath(to));
  const error = older.error ?? newer.error;
  if (error) return <ErrorNotice error={error} title={t('A version could not be loaded')} />;
  if (!older.data || !newer.data || older.data.version !== from || newer.data.version !== to) return <Loading label={t('Loading the versions…')} />;
  const lines = diffLines(definitionText(older.data), definitionText(newer.data));
  const { added, removed } = countChanges(lines);
  return (
    <figure class="rule-diff">
      <figcaption>
        {t('Version {from} → version {to}:', { from, to })}{' '}
        {added + removed === 0 ? t('the definitions are the same.') : tp(added, '{count} line added, {removed} removed.', '{count} lines added, {removed} removed.', { removed })}
      </figcaption>
      <pre class="code diff" aria-label={t('Changes from version {from} to version {to}', { from, to })}>
        {lines.map((line, index) => (
          <span key={index} class={`diff-line diff-${line.kind}`}>
            <span class="diff-number" aria-hidden="true">
              {line.oldNumber ?? ''}
            </span>
            <span class="diff-number" aria-hidden="true">
              {line.newNumber ?? ''}
            </span>
            <DiffSign kind={line.kind} />
            {line.text}
          </span>
        ))}
      </pre>
    </figure>
  );
}

const signs = { added: ['+', msg('added: ')], removed: ['−', msg('removed: ')], same: [' ', ''] } as const;

function DiffSign({ kind }: { kind: keyof typeof signs }) {
  const [sign, words] = signs[kind];
  return (
    <span class="diff-sign">
      <span aria-hidden="true">{sign}</span>
      {words && <span class="visually-hidden">{t(words)}</span>}
    </span>
  );
}
