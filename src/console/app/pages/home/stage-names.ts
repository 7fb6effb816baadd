import { msg, t } from '../../i18n/i18n';

const names: Record<string, string> = {
  PROSPECTING: msg('Prospecting'),
  QUALIFICATION: msg('Qualification'),
  PROPOSAL: msg('Proposal'),
  NEGOTIATION: msg('Negotiation'),
};

/** An open deal's stage by the word the user reads. */
export const stageName = (stage: string) => t(names[stage] ?? stage);
