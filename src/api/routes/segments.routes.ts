import { previewCriteria } from '../../segments/preview-segment';
import { createSegment, getSegment, listSegments, replaceSegment } from '../../segments/segment-store';
import {
  CreateSegmentRequest,
  ListSegmentsQuery,
  PreviewCriteriaRequest,
  PreviewQuery,
  ReplaceSegmentRequest,
  SegmentIdParams,
  SegmentPage,
  SegmentPreview,
  SegmentView,
} from '../../segments/segments.schemas';
import { defineRoute } from '../route';

// Marketers define segments; managers may read them, and preview only the accounts they can see.
const writers = ['marketer', 'admin'] as const;
const readers = ['marketer', 'admin', 'manager'] as const;

export const segmentRoutes = [
  defineRoute({
    method: 'post', path: '/segments', tag: 'Segments', roles: writers,
    summary: 'Save criteria over accounts and contacts under a unique name',
    body: CreateSegmentRequest,
    response: { status: 201, description: 'The segment', schema: SegmentView },
    errors: [409, 503],
    handler: ({ body, caller, deps }) => createSegment(deps.db, caller, body),
  }),
  defineRoute({
    method: 'get', path: '/segments', tag: 'Segments', roles: readers,
    summary: 'Segments, newest first, paginated by cursor',
    query: ListSegmentsQuery,
    response: { status: 200, description: 'A page of segments', schema: SegmentPage },
    handler: ({ query, deps }) => listSegments(deps.db, query),
  }),
  defineRoute({
    method: 'post', path: '/segments/preview', tag: 'Segments', roles: readers,
    summary: 'Preview criteria before saving them: counts and a sample of the contacts they select',
    body: PreviewCriteriaRequest,
    query: PreviewQuery,
    response: { status: 200, description: 'Counts and a sample', schema: SegmentPreview },
    handler: ({ body, query, caller, deps }) => previewCriteria(deps.db, caller, body.criteria, query.sample),
  }),
  defineRoute({
    method: 'get', path: '/segments/:id', tag: 'Segments', roles: readers,
    summary: 'One segment with its criteria',
    params: SegmentIdParams,
    response: { status: 200, description: 'The segment', schema: SegmentView },
    errors: [404],
    handler: ({ params, deps }) => getSegment(deps.db, params.id),
  }),
  defineRoute({
    method: 'put', path: '/segments/:id', tag: 'Segments', roles: writers,
    summary: 'Replace a segment’s name, description (left out: removed) and criteria',
    params: SegmentIdParams,
    body: ReplaceSegmentRequest,
    response: { status: 200, description: 'The segment', schema: SegmentView },
    errors: [404, 409, 503],
    handler: ({ params, body, deps }) => replaceSegment(deps.db, params.id, body),
  }),
  defineRoute({
    method: 'get', path: '/segments/:id/preview', tag: 'Segments', roles: readers,
    summary: 'A saved segment’s counts (contacts, accounts, suppressed) and a sample ordered by account and contact name',
    params: SegmentIdParams,
    query: PreviewQuery,
    response: { status: 200, description: 'Counts and a sample', schema: SegmentPreview },
    errors: [404],
    handler: async ({ params, query, caller, deps }) => previewCriteria(deps.db, caller, (await getSegment(deps.db, params.id)).criteria, query.sample),
  }),
];
