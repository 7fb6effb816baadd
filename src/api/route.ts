import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Caller, Role } from '../auth/caller';
import type { CampaignLimits } from '../campaigns/campaign-limits';
import type { CollateralSettings } from '../collateral/collateral-store';
import type { RequestContext } from '../auth/request-context';
import type { Db } from '../db/prisma';
import type { Logger } from '../logger';
import type { TemporalDeps } from '../temporal/temporal-deps';

export interface ApiDependencies {
  db: Db;
  temporal: TemporalDeps;
  logger: Logger;
  /** Base of links put in e-mails (template previews); createApp fills it from its options. */
  publicUrl?: string;
  /** Campaign limits from the configuration (EVERGREEN_MIN_INTERVAL); absent: the production defaults. */
  campaignLimits?: CampaignLimits;
  /** The collateral library's file store and size limit (COLLATERAL_*); absent: its file routes answer 503. */
  collateral?: CollateralSettings;
}

type Schema = z.ZodType;
type Parsed<S> = S extends Schema ? z.output<S> : undefined;

export interface RouteContext<B, P, Q> {
  body: B;
  params: P;
  query: Q;
  caller: Caller;
  /** What use cases take: the database, Temporal and the caller. */
  context: RequestContext;
  deps: ApiDependencies;
  req: Request;
  res: Response;
}

export interface RouteDefinition<B extends Schema | undefined = Schema | undefined, P extends Schema | undefined = Schema | undefined, Q extends Schema | undefined = Schema | undefined> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path below /api/v1, e.g. `/users/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** Who may call it; every route under /api/v1 needs an API key. */
  roles: readonly Role[] | 'any';
  body?: B;
  /**
   * Lets the route also take `Content-Type: text/csv`: the text is turned into the body that `body` then
   * validates. Both JSON and CSV bodies of such a route may reach `limit` instead of the app's JSON limit.
   */
  csvBody?: { limit: string; toBody(text: string): unknown };
  /**
   * The body's rows are validated one by one (a bad row is reported, the others go on), NUL
   * characters included: the API-wide NUL refusal of the whole request is left out for the body.
   */
  rowsValidatedOneByOne?: true;
  /**
   * The body is a file's bytes, not JSON: nothing parses or buffers it, the handler streams `req`
   * itself. `mediaTypes` are what the OpenAPI document lists for it.
   */
  fileBody?: { mediaTypes: readonly string[]; description: string };
  params?: P;
  query?: Q;
  /** `file`: the handler writes the answer itself (a file's bytes with their headers), in one of these media types. */
  response: { status: 200 | 201 | 202 | 204; description: string; schema?: Schema; file?: { mediaTypes: readonly string[] } };
  /**
   * Lets the route also answer `text/csv` (`?format=csv` or `Accept: text/csv`): turns the handler's
   * result into the CSV text, for example with toCsv from src/reports/csv.ts.
   */
  csv?: (result: never) => string;
  /** Error answers this route can give besides 400/401/403, for the OpenAPI document. */
  errors?: readonly (404 | 409 | 422 | 503)[];
  handler(context: RouteContext<Parsed<B>, Parsed<P>, Parsed<Q>>): Promise<unknown>;
}

/** Keeps each route's handler typed by its own schemas. */
export function defineRoute<B extends Schema | undefined = undefined, P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
  route: RouteDefinition<B, P, Q>,
): RouteDefinition {
  return route as unknown as RouteDefinition;
}
