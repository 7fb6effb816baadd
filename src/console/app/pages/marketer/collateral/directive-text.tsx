import type { DirectiveView } from './collateral-model';
import { t } from '../../../i18n/i18n';

const scopeLabel = (directive: DirectiveView) =>
  [directive.teamLeadId ? `Team of ${directive.teamLeadName ?? 'a manager'}` : '', directive.product ? `Product ${directive.product}` : ''].filter(Boolean).join(' · ') || 'Company-wide';

/** A directive as sellers read it: its title, whom it is for, and its text with its line breaks. */
export function DirectiveText({ directive, because }: { directive: DirectiveView; because?: string }) {
  return (
    <>
      <h3>{directive.title}</h3>
      <p class="muted">{because ? t('Applies: {because}', { because }) : scopeLabel(directive)}</p>
      <p style={{ whiteSpace: 'pre-line' }}>{directive.text}</p>
    </>
  );
}
