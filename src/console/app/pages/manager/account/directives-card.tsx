import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { useApi } from '../../../use-api';
import type { AccountDirectives } from '../../marketer/collateral/collateral-model';
import { DirectiveText } from '../../marketer/collateral/directive-text';
import { t } from '../../../i18n/i18n';

/** The messaging directives that apply on this account today: company-wide, the seller's team, its products. */
export function DirectivesCard({ accountId }: { accountId: string }) {
  const directives = useApi<AccountDirectives>(`/accounts/${accountId}/directives`);
  const items = directives.data?.items ?? [];
  return (
    <section class="card" aria-labelledby="directives-heading">
      <h2 id="directives-heading">{t('Messaging directives')}</h2>
      <ErrorNotice error={directives.error} title={t('The directives could not be loaded')} />
      {directives.loading && !directives.data && <Loading />}
      {directives.data && items.length === 0 && <Empty>{t('No directive applies here.')}</Empty>}
      {items.map((directive) => (
        <article key={directive.id}>
          <DirectiveText directive={directive} because={directive.appliesBecause} />
        </article>
      ))}
    </section>
  );
}
