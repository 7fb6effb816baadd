import { createTemplate, getTemplate, listTemplates, replaceTemplate } from '../../templates/template-store';
import { CreateTemplateRequest, ListTemplatesQuery, ReplaceTemplateRequest, TemplateKeyParams, TemplatePage, TemplateView } from '../../templates/templates.schemas';
import { PreviewTemplateRequest, previewTemplate, TemplatePreview } from '../../templates/template-preview';
import { AppError } from '../../errors/app-error';
import { defineRoute } from '../route';

// Marketers write templates; managers read them, since their rules' e-mails use them.
const writers = ['marketer', 'admin'] as const;
const readers = ['marketer', 'admin', 'manager'] as const;

export const templateRoutes = [
  defineRoute({
    method: 'post', path: '/templates', tag: 'Templates', roles: writers,
    summary: 'Create an e-mail template with {{ variables }}; an unknown variable is refused, naming it',
    body: CreateTemplateRequest,
    response: { status: 201, description: 'The template', schema: TemplateView },
    errors: [409, 503],
    handler: ({ body, caller, deps }) => createTemplate(deps.db, caller, body),
  }),
  defineRoute({
    method: 'get', path: '/templates', tag: 'Templates', roles: readers,
    summary: 'E-mail templates by key, filtered by q, paginated by cursor',
    query: ListTemplatesQuery,
    response: { status: 200, description: 'A page of templates', schema: TemplatePage },
    handler: ({ query, deps }) => listTemplates(deps.db, query),
  }),
  defineRoute({
    method: 'get', path: '/templates/:key', tag: 'Templates', roles: readers,
    summary: 'One template with its bodies and the variables it uses',
    params: TemplateKeyParams,
    response: { status: 200, description: 'The template', schema: TemplateView },
    errors: [404],
    handler: ({ params, deps }) => getTemplate(deps.db, params.key),
  }),
  defineRoute({
    method: 'put', path: '/templates/:key', tag: 'Templates', roles: writers,
    summary: 'Replace a template’s name, subject, text and html (html left out is removed); e-mails not yet sent use the new content',
    params: TemplateKeyParams,
    body: ReplaceTemplateRequest,
    response: { status: 200, description: 'The template', schema: TemplateView },
    errors: [404, 503],
    handler: ({ params, body, deps }) => replaceTemplate(deps.db, params.key, body),
  }),
  defineRoute({
    method: 'post', path: '/templates/:key/preview', tag: 'Templates', roles: writers,
    summary: 'Render a template for one real contact (and campaign) exactly as a campaign mailing would send it: to, subject, text, html and headers',
    params: TemplateKeyParams,
    body: PreviewTemplateRequest,
    response: { status: 200, description: 'The rendered message', schema: TemplatePreview },
    errors: [404, 422, 503],
    handler: ({ params, body, deps }) => {
      if (!deps.publicUrl) throw new AppError('INTERNAL', 'The app was built without its public URL');
      return previewTemplate(deps.db, deps.publicUrl, params.key, body);
    },
  }),
];
