import { createKit, getKit, listKits, updateKit } from '../../collateral-kits/kits';
import { CreateKitRequest, KitIdParams, KitList, KitListQuery, KitView, UpdateKitRequest } from '../../collateral-kits/kits.schemas';
import { attachedCollateral } from '../../collateral-kits/attached-collateral';
import { AttachedCollateral } from '../../collateral-kits/attached-collateral.schemas';
import { defineRoute } from '../route';

// Marketers and admins make kits; every role reads them (the stages and tasks that show them).
const keepers = ['marketer', 'admin'] as const;
const tag = 'Collateral kits';

export const collateralKitRoutes = [
  defineRoute({
    method: 'get', path: '/collateral-kits', tag, roles: 'any',
    summary: 'Kits, newest first, filtered by status, channel, segment or text; each with its items in order',
    query: KitListQuery,
    response: { status: 200, description: 'The kits', schema: KitList },
    handler: ({ query, deps }) => listKits(deps.db, query),
  }),
  defineRoute({
    method: 'post', path: '/collateral-kits', tag, roles: keepers,
    summary: 'Make a kit: APPROVED items in order (409 naming a DRAFT or RETIRED one), for a segment and/or a channel; audited',
    body: CreateKitRequest,
    response: { status: 201, description: 'The kit', schema: KitView },
    errors: [409],
    handler: ({ body, caller, deps }) => createKit(deps.db, caller, body),
  }),
  defineRoute({
    method: 'get', path: '/collateral-kits/:id', tag, roles: 'any',
    summary: 'A kit with its items in order, as they are now',
    params: KitIdParams,
    response: { status: 200, description: 'The kit', schema: KitView },
    errors: [404],
    handler: ({ params, deps }) => getKit(deps.db, params.id),
  }),
  defineRoute({
    method: 'patch', path: '/collateral-kits/:id', tag, roles: keepers,
    summary: 'Change a kit (its items replace the old list), archive it (status ARCHIVED) or offer it again (ACTIVE); audited',
    params: KitIdParams,
    body: UpdateKitRequest,
    response: { status: 200, description: 'The kit', schema: KitView },
    errors: [404, 409],
    handler: ({ params, body, caller, deps }) => updateKit(deps.db, caller, params.id, body),
  }),
  defineRoute({
    method: 'get', path: '/campaigns/:id/attached-collateral', tag, roles: 'any',
    summary: "The library items the campaign's MAILING and CALL_TASKS stages attach, stage by stage: as they started with them (versions frozen), or as planned",
    params: KitIdParams,
    response: { status: 200, description: 'The attached items', schema: AttachedCollateral },
    errors: [404],
    handler: ({ params, deps }) => attachedCollateral(deps.db, params.id),
  }),
];
