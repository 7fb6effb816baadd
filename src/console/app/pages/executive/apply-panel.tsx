import { useState } from 'preact/hooks';
import type { ApplicationView, ApplyResult } from '../../../../plan-apply/plan-apply.schemas';
import type { PlanView } from '../../../../plans/plans.schemas';
import type { SegmentView } from '../../../../segments/segments.schemas';
import { post } from '../../api';
import { Field } from '../../components/field';
import { ErrorNotice } from '../../components/notices';
import { newId } from '../../new-id';
import { useAction, useApi } from '../../use-api';
import { AccountPicker, type PickedAccount } from './account-picker';
import { ApplicationProgress } from './application-progress';
import { t } from '../../i18n/i18n';

type Target = 'all' | 'segment' | 'accounts';

/**
 * Applies the plan or one of its objectives to all accounts, a segment or chosen accounts. The POST
 * answers once the operation's workflow is done, so the application is given an id here and its
 * record followed by that id while the POST runs: the bar counts the accounts as the chunks land.
 */
export function ApplyPanel({ plan, onApplied }: { plan: PlanView; onApplied(application: ApplicationView): void }) {
  const [subject, setSubject] = useState('plan');
  const [target, setTarget] = useState<Target>('all');
  const [segmentId, setSegmentId] = useState('');
  const [accounts, setAccounts] = useState<PickedAccount[]>([]);
  const [running, setRunning] = useState<{ applicationId: string; expected: number | null }>();
  const segments = useApi<{ items: SegmentView[] }>('/segments', { limit: 200 });
  const apply = useAction((path: string, body: object) => post<ApplyResult>(path, body));
  const error = apply.error;

  const body = target === 'all' ? { all: true } : target === 'segment' ? { segmentId } : { accountIds: accounts.map((account) => account.id) };
  const submit = async (event: Event) => {
    event.preventDefault();
    const applicationId = newId();
    setRunning({ applicationId, expected: target === 'accounts' ? accounts.length : null });
    const path = subject === 'plan' ? `/plans/${plan.id}/apply` : `/objectives/${subject}/apply`;
    if (!(await apply.run(path, { ...body, applicationId }))) setRunning(undefined);
  };
  const targetError = error?.detailFor('body.all') ?? error?.detailFor('body.segmentId') ?? error?.detailFor('body.accountIds');

  return (
    <form onSubmit={submit} aria-labelledby="apply-heading" noValidate>
      <h2 id="apply-heading">{t('Apply to accounts')}</h2>
      <ErrorNotice error={error} title={t('Not applied')} />
      <Field label={t('What to apply')}>
        {(props) => (
          <select {...props} value={subject} onChange={(event) => setSubject(event.currentTarget.value)}>
            <option value="plan">{t('The plan "{name}"', { name: plan.name })}</option>
            {plan.objectives.items.map((objective) => (
              <option key={objective.id} value={objective.id}>
                {t('Objective "{name}"', { name: objective.name })}</option>
            ))}
          </select>
        )}
      </Field>
      <fieldset>
        <legend>{t('To which accounts')}</legend>
        <div class="radio-row">
          {(
            [
              ['all', t('All accounts')],
              ['segment', t('A segment')],
              ['accounts', t('Chosen accounts')],
            ] as const
          ).map(([value, label]) => (
            <label key={value}>
              <input type="radio" name="apply-target" value={value} checked={target === value} onChange={() => setTarget(value)} /> {label}
            </label>
          ))}
        </div>
        {target === 'segment' && (
          <>
            <ErrorNotice error={segments.error} title={t('Segments could not be loaded')} />
            <Field label={t('Segment')} error={targetError}>
              {(props) => (
                <select {...props} value={segmentId} onChange={(event) => setSegmentId(event.currentTarget.value)}>
                  <option value="">{t('Choose a segment')}</option>
                  {(segments.data?.items ?? []).map((segment) => (
                    <option key={segment.id} value={segment.id}>
                      {segment.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        )}
        {target === 'accounts' && <AccountPicker chosen={accounts} onChange={setAccounts} error={targetError} />}
        {target === 'all' && targetError && <p class="field-error">{targetError}</p>}
      </fieldset>
      <button type="submit" class="primary" disabled={apply.busy || (target === 'segment' && !segmentId) || (target === 'accounts' && accounts.length === 0)}>
        {apply.busy ? t('Applying…') : t('Apply')}
      </button>
      {running && <ApplicationProgress key={running.applicationId} applicationId={running.applicationId} expected={running.expected} onFinished={onApplied} />}
    </form>
  );
}
