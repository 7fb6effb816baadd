import type { CollateralItemSummary, CollateralItemView, CollateralVersionView } from '../../../../../collateral/collateral.schemas';
import type { AccountDirectives, DirectiveView } from '../../../../../collateral/directives.schemas';
import type { KitView } from '../../../../../collateral-kits/kits.schemas';
import { t } from '../../../i18n/i18n';

export type { AccountDirectives, CollateralItemSummary, CollateralItemView, CollateralVersionView, DirectiveView, KitView };

export const kitChannels = ['EMAIL', 'MAIL', 'PHONE', 'EVENT', 'FIELD'] as const;

export const collateralKinds = ['BROCHURE', 'FLYER', 'PRESENTATION', 'DATASHEET', 'IMAGE', 'CALL_SCRIPT', 'LETTER_TEMPLATE', 'OTHER'] as const;
export const collateralStatuses = ['DRAFT', 'APPROVED', 'RETIRED'] as const;
/** What the file picker offers; the API checks the real type by the file's first bytes. */
export const acceptedFiles = 'application/pdf,image/png,image/jpeg,image/gif,image/webp,.pdf,.png,.jpg,.jpeg,.gif,.webp';

/** Marketers and admins keep the library and the directives; everyone reads them. */
export const mayKeepCollateral = (role: string | undefined) => role === 'marketer' || role === 'admin';

/** 1536 → "1.5 KB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return t('{size} B', { size: bytes });
  if (bytes < 1024 * 1024) return t('{size} KB', { size: (bytes / 1024).toFixed(1) });
  return t('{size} MB', { size: (bytes / 1024 / 1024).toFixed(1) });
}
