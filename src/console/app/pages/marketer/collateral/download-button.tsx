import { ErrorNotice } from '../../../components/notices';
import { downloadFile } from '../../../download-file';
import { useAction } from '../../../use-api';
import type { CollateralVersionView } from './collateral-model';
import { t } from '../../../i18n/i18n';

/** Downloads one version's file with the signed-in user's credentials. */
export function DownloadButton({ version, label }: { version: CollateralVersionView; label: string }) {
  const download = useAction(() => downloadFile(version.downloadPath, version.fileName));
  return (
    <>
      <button type="button" class="link" onClick={() => void download.run()} disabled={download.busy}>
        {label}
      </button>
      <ErrorNotice error={download.error} title={t('The file could not be downloaded')} />
    </>
  );
}
