import { formatDateTime } from '../../../format';
import { msg, t } from '../../../i18n/i18n';
import { href } from '../../../router';
import type { AccountResponse } from './customer-view-types';
import { SectionCard, useAccountSection } from './section-card';

const responseTypes: Record<string, string> = {
  CALL: msg('Called in'),
  REPLY: msg('Replied'),
  REGISTRATION: msg('Registered for an event'),
  WEB_FORM: msg('Filled in a web form'),
  ATTENDANCE: msg('Attended an event'),
};

/** The account's responses to campaigns, each with the sub-source (publication, web site…) it came through. */
export function ResponsesSection({ accountId }: { accountId: string }) {
  const list = useAccountSection<AccountResponse>(accountId, 'responses');
  return (
    <SectionCard id="account-responses" title={t('Responses')} list={list} empty={t('No response to a campaign yet.')} errorTitle={t('Could not load the responses')}>
      <ul class="plain-list">
        {list.items.map((response) => (
          <li key={response.id}>
            <strong>{responseTypes[response.type] ? t(responseTypes[response.type]) : response.type}</strong>
            {response.contactName && <> — {response.contactName}</>}
            {response.createdAccount && <span class="badge" style={{ marginLeft: '0.5rem' }}>{t('Brought in the account')}</span>}
            <div class="task-meta">
              <time dateTime={response.occurredAt}>{formatDateTime(response.occurredAt)}</time>
              <span>
                {t('Campaign')} <a href={href(`/campaigns/${response.campaignId}`)}>{response.campaignName}</a>
              </span>
              <span>
                {t('through {source}', { source: response.sourceName })}
                {response.sourceChannel && ` (${response.sourceChannel})`}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </SectionCard>
  );
}
