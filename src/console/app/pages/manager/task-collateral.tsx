import type { TaskCollateral, TaskCollateralItem } from '../../../../collateral-kits/task-collateral.schemas';
import { ErrorNotice } from '../../components/notices';
import { downloadFile } from '../../download-file';
import { useAction } from '../../use-api';
import { t } from '../../i18n/i18n';

/** One file of the task: a button that downloads it with the signed-in user's credentials. */
function TaskFile({ item, label }: { item: TaskCollateralItem; label: string }) {
  const download = useAction(() => downloadFile(item.downloadPath, item.fileName));
  return (
    <>
      <button type="button" class="link" onClick={() => void download.run()} disabled={download.busy} aria-label={t('Download {name}', { name: item.name })}>
        {label}
      </button>
      <ErrorNotice error={download.error} title={t('The file could not be downloaded')} />
    </>
  );
}

/** The call script and kit a campaign's call task comes with, as its stage started with them. */
export function TaskCollateralList({ collateral }: { collateral: TaskCollateral | null }) {
  if (!collateral || (!collateral.callScript && !collateral.kit)) return null;
  return (
    <div class="task-collateral">
      {collateral.callScript && (
        <p>
          {t('Call script:')}{' '}<TaskFile item={collateral.callScript} label={collateral.callScript.name} />
        </p>
      )}
      {collateral.kit && (
        <div>
          <p>{t('Kit: {name}', { name: collateral.kit.name })}</p>
          <ul>
            {collateral.kit.items.map((item) => (
              <li key={item.itemId}>
                <TaskFile item={item} label={item.name} /> <small>({item.fileName})</small>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
