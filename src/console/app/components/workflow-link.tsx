import { currentUser } from '../session';
import { useSignal } from '../signal';
import { t } from '../i18n/i18n';

/** Where the server says the Temporal UI shows a workflow (TEMPORAL_UI_URL); absent when it is not configured. */
const workflowsUrl = () => document.querySelector<HTMLMetaElement>('meta[name="crm-temporal-ui-workflows"]')?.content;

/**
 * A link for admins from a business page to its workflow in the Temporal UI, an operator's tool; the
 * UI opens the latest run of the workflow id.
 */
export function WorkflowLink({ workflowId }: { workflowId: string | null }) {
  const me = useSignal(currentUser);
  const base = workflowsUrl();
  if (!workflowId || !base || me?.role !== 'admin') return null;
  return (
    <a class="workflow-link" href={`${base}${encodeURIComponent(workflowId)}`} target="_blank" rel="noopener noreferrer">
      {t('Workflow in Temporal UI')}</a>
  );
}
