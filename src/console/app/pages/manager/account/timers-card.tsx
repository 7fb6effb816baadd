import { useState } from 'preact/hooks';
import { Empty, Notice } from '../../../components/notices';
import { formatDateTime } from '../../../format';
import { timerLabel } from '../../../lifecycle-terms';
import type { Timer } from './account-types';
import { TimerItem, type TimerOutcome } from './timer-item';
import { t } from '../../../i18n/i18n';

/** Pending timers, firing first; what the last change did stays shown after the list reloads. */
export function TimersCard({ timers, mayChange, onChanged }: { timers: Timer[]; mayChange: boolean; onChanged: () => void }) {
  const [outcome, setOutcome] = useState<TimerOutcome>();
  return (
    <section class="card" aria-labelledby="timers-heading">
      <h2 id="timers-heading">{t('Pending timers ({length})', { length: timers.length })}</h2>
      {outcome && <Notice kind="success">{describe(outcome)}</Notice>}
      {timers.length === 0 ? (
        <Empty>{t('No pending timer.')}</Empty>
      ) : (
        <ul class="task-list">
          {timers.map((timer) => (
            <TimerItem
              key={timer.id}
              timer={timer}
              mayChange={mayChange}
              onChanged={(next) => {
                setOutcome(next);
                onChanged();
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function describe(outcome: TimerOutcome): string {
  const name = timerLabel(outcome.timer.kind);
  if (outcome.kind === 'rescheduled') return t('{name} rescheduled: it now fires {fireAt} (was {from}).', { name, fireAt: formatDateTime(outcome.timer.fireAt), from: formatDateTime(outcome.from) });
  return t('{name} cancelled: it will not fire.', { name });
}
