import { useId, useRef, useState } from 'preact/hooks';
import type { RuleView } from '../../../../../rule-store/rules-api.schemas';
import { ApiError, api, post } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice, Notice } from '../../../components/notices';
import { navigate } from '../../../router';
import { useAction } from '../../../use-api';
import type { DryRunResult } from '../admin-types';
import { DryRunResultView } from './dry-run-result';
import { parseRuleText, problemsInText, type RuleProblem } from './rule-text';
import { t } from '../../../i18n/i18n';

/** The API's error without the details the editor shows at their lines. */
const withoutDetails = (error: ApiError | undefined) => error && new ApiError(error.status, error.code, error.message, error.details.filter((detail) => detail.path === 'body.days'));

/**
 * A rule as JSON, checked by a dry run before it may be saved: Save is enabled only after a dry run
 * of exactly the text in the box, so what is saved is what was measured. `ruleKey` edits that rule
 * (PUT, a new version); without it the text is a new rule (POST).
 */
export function RuleEditor({ ruleKey, initialText }: { ruleKey?: string; initialText: string }) {
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(initialText);
  const [days, setDays] = useState('90');
  const [problems, setProblems] = useState<RuleProblem[]>([]);
  const [checked, setChecked] = useState<{ text: string; result: DryRunResult }>();
  const dryRun = useAction((rule: Record<string, unknown>) => post<DryRunResult>('/rules/dry-run', { rules: [rule], days: Number(days) }));
  const save = useAction((rule: Record<string, unknown>) =>
    ruleKey ? api<RuleView>('PUT', `/rules/${encodeURIComponent(ruleKey)}`, rule) : api<RuleView>('POST', '/rules', rule),
  );
  const checkedThisText = checked?.text === text;

  /** The text as a rule, or undefined with its problem shown. */
  function parsed(): Record<string, unknown> | undefined {
    const result = parseRuleText(text);
    if (result.ok) return result.value;
    setProblems([result.problem]);
    dryRun.clearError();
    save.clearError();
    return undefined;
  }

  async function runDryRun() {
    const rule = parsed();
    if (!rule) return;
    setProblems([]);
    save.clearError();
    const sentText = text;
    const result = await dryRun.run(rule);
    if (result) setChecked({ text: sentText, result });
  }

  async function submit(event: Event) {
    event.preventDefault();
    const rule = parsed();
    if (!rule || !checkedThisText) return;
    setProblems([]);
    const saved = await save.run(rule);
    if (saved) navigate(`/rules/${encodeURIComponent(saved.key)}?saved=${saved.version}`);
  }

  const apiError = save.error ?? dryRun.error;
  const shown = problems.length ? problems : apiError ? problemsInText(text, apiError.details) : [];

  function showProblem(problem: RuleProblem) {
    const box = textarea.current;
    if (!box || problem.start === undefined) return;
    box.focus();
    box.setSelectionRange(problem.start, problem.end ?? problem.start);
    // Scrolls the selection into view: the line's share of the box's height.
    const lineHeight = box.scrollHeight / Math.max(1, text.split('\n').length);
    box.scrollTop = Math.max(0, ((problem.line ?? 1) - 3) * lineHeight);
  }

  return (
    <form class="rule-editor" aria-label={ruleKey ? t('Edit rule {ruleKey}', { ruleKey }) : t('New rule')} noValidate onSubmit={submit}>
      <div class={`field${shown.length ? ' field-invalid' : ''}`}>
        <label for={id}>{t('Rule definition (JSON)')}</label>
        <textarea
          id={id}
          ref={textarea}
          class="code rule-text"
          rows={24}
          spellcheck={false}
          autoComplete="off"
          value={text}
          aria-invalid={shown.length ? true : undefined}
          aria-describedby={[`${id}-hint`, shown.length ? `${id}-problems` : ''].filter(Boolean).join(' ')}
          onInput={(event) => {
            setText(event.currentTarget.value);
            setProblems([]);
          }}
        />
        <small id={`${id}-hint`} class="hint">
          {t('The whole rule: key, name, enabled, priority, trigger, conditions and actions')}{ruleKey ? t('. The key stays the same.') : '.'}{' '}{t('Save is enabled after a dry run of exactly this text.')}</small>
        {shown.length > 0 && (
          <ul id={`${id}-problems`} class="rule-problems field-error">
            {shown.map((problem, index) => (
              <li key={index}>
                {problem.line !== undefined && <span>{t('Line {line}', { line: problem.line })}</span>}
                {problem.field && <code>{problem.field}</code>} {problem.message}{' '}
                {problem.start !== undefined && (
                  <button type="button" class="link" onClick={() => showProblem(problem)}>
                    {t('Show in the text')}</button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <ErrorNotice error={withoutDetails(dryRun.error)} title={t('The dry run did not run')} />
      <ErrorNotice error={withoutDetails(save.error)} title={t('The rule was not saved')} />
      <div class="row days-row">
        <Field label={t('Days to replay')} hint={t('1 to 365: logged activities and timer firings of this many past days')} error={dryRun.error?.detailFor('body.days')}>
          {(props) => <input {...props} type="number" min={1} max={365} inputMode="numeric" value={days} onInput={(event) => setDays(event.currentTarget.value)} />}
        </Field>
      </div>
      <div class="actions">
        <button type="button" class={checkedThisText ? undefined : 'primary'} disabled={dryRun.busy || save.busy} onClick={() => void runDryRun()}>
          {dryRun.busy ? t('Running the dry run…') : t('Dry run')}
        </button>
        <button type="submit" class={checkedThisText ? 'primary' : undefined} disabled={!checkedThisText || save.busy || dryRun.busy} aria-describedby={`${id}-save-hint`}>
          {save.busy ? t('Saving…') : ruleKey ? t('Save new version') : t('Create rule')}
        </button>
      </div>
      <p id={`${id}-save-hint`} class="hint">
        {checkedThisText ? t('The dry run below is for exactly this text.') : t('Run a dry run of this text to enable saving.')}
      </p>
      {checked && (
        <section class="card" aria-labelledby={`${id}-result`} aria-live="polite">
          <h2 id={`${id}-result`}>{checkedThisText ? t('Dry run of this text') : t('Dry run of an earlier text')}</h2>
          {!checkedThisText && <Notice kind="warning">{t('The rule changed after this dry run: run it again before saving.')}</Notice>}
          <DryRunResultView result={checked.result} />
        </section>
      )}
    </form>
  );
}
