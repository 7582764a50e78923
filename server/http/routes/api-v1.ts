import { createHash } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { z } from 'zod';
import { productJsonLd, serializeJsonLd } from '../../api/json-ld.js';
import { openApiDocument } from '../../api/openapi.js';
import { UserFacingError } from '../../domain-errors.js';
import { authenticateApiKey } from '../../merchants/api-keys.js';
import { refusedFields } from '../../merchants/invitation-policy.js';
import { InvitationRefusedError, recordOrder } from '../../merchants/orders.js';
import { loadPublicReviews, loadPublicSummary, originAllowed } from '../../merchants/public-reviews.js';
import { loadPublicQuestions } from '../../questions/public-questions.js';
import type { Services } from '../../wiring.js';
import { RejectedInputError, edgeErrorFor, jsonBody } from '../middleware/input-guard.js';
import type { Limiters } from '../middleware/rate-limits.js';
import { orderRequestSchema, reviewsListQuerySchema, reviewsQuerySchema, snippetQuerySchema } from '../schemas/api-schemas.js';
import { InvalidInputError, parseInput } from '../schemas/validate.js';
import { publicReviewJson, summaryJson, snippetView } from '../view-models/merchant-api.js';
import { questionListJson } from '../view-models/questions-api.js';

const MESSAGES = {
  notFound: 'There is no API endpoint at this address. See /api/openapi.json.',
  server: 'Something went wrong on our side. Nothing was changed; please retry.',
  badJson: 'The request body is not valid JSON.',
  notJson: 'Send the order as JSON (Content-Type: application/json).',
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** RFC 9457 problem details; `type` names a Candor-specific problem, or is about:blank when the status says it all. */
export function sendProblem(res: Response, status: number, detail: string, extra: { type?: string; title?: string; errors?: string[] } = {}): void {
  if (res.headersSent) return;
  res
    .status(status)
    .type('application/problem+json')
    .set('Cache-Control', 'no-store')
    .send(
      JSON.stringify({
        type: extra.type ? `/api/problems/${extra.type}` : 'about:blank',
        title: extra.title ?? TITLES[status] ?? 'Error',
        status,
        detail,
        ...(extra.errors?.length ? { errors: extra.errors } : {}),
      }),
    );
}

/**
 * Query parameters a client got wrong: 400 (the request itself is malformed), where a body that fails its rules
 * is 422. Each detail names the parameter.
 */
class InvalidQueryError extends Error {
  constructor(readonly details: string[]) {
    super(details.join(' '));
  }
}

function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  try {
    return parseInput(schema, query);
  } catch (error) {
    if (error instanceof InvalidInputError) throw new InvalidQueryError(error.details);
    throw error;
  }
}

const API_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

/** A strong ETag over the exact body: cheap at these sizes and always right. */
function sendCached(req: Request, res: Response, type: string, body: string, maxAge: number): void {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  res.set('ETag', etag);
  res.set('Cache-Control', `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 5}`);
  const match = req.get('if-none-match');
  if (match?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')) {
    res.status(304).end();
    return;
  }
  res.type(type).send(body);
}

export function createApiV1Router(services: Services, limits: Limiters): Router {
  const router = Router();
  // Parsed here (not only app-wide) so a malformed body reaches this router's problem+json handler.
  router.use(jsonBody());
  const publicUrl = services.config.publicUrl.replace(/\/$/, '');
  const productUrl = (slug: string) => `${publicUrl}/products/${encodeURIComponent(slug)}/reviews`;

  /**
   * CORS for reads: the merchant's allowed embed origins get Access-Control-Allow-Origin; any other origin gets
   * no CORS headers, so browsers keep the response from the page. `Vary: Origin` keeps caches apart.
   */
  const cors = (merchantIdOf: (req: Request) => string | undefined) => async (req: Request, res: Response, next: NextFunction) => {
    res.vary('Origin');
    const origin = req.get('origin');
    const merchantId = merchantIdOf(req);
    if (origin && merchantId && (await originAllowed(services.db, merchantId, origin))) {
      res.set('Access-Control-Allow-Origin', origin);
      res.set('Access-Control-Expose-Headers', 'ETag');
      if (req.method === 'OPTIONS') {
        res.set('Access-Control-Allow-Methods', 'GET, OPTIONS');
        res.set('Access-Control-Allow-Headers', 'If-None-Match');
        res.set('Access-Control-Max-Age', '600');
      }
    }
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next();
  };
  const byPath = (req: Request) => (typeof req.params.merchantId === 'string' ? req.params.merchantId : undefined);
  const byQuery = (req: Request) => (typeof req.query.merchant === 'string' ? req.query.merchant : undefined);

  router.get('/openapi.json', (req, res) => {
    res.set('Access-Control-Allow-Origin', '*');
    sendCached(req, res, 'application/json', JSON.stringify(openApiDocument(publicUrl)), 3600);
  });

  const reviewsPath = '/v1/merchants/:merchantId/products/:sku/reviews';
  const summaryPath = '/v1/merchants/:merchantId/products/:sku/summary';
  const questionsPath = '/v1/merchants/:merchantId/products/:sku/questions';
  router.options([reviewsPath, summaryPath, questionsPath], cors(byPath));
  router.options('/v1/products/:sku/snippet', cors(byQuery));

  // Served from the response cache, which re-reads the data whenever the database's content version moved.
  router.get(reviewsPath, cors(byPath), async (req, res) => {
    const query = parseQuery(reviewsListQuerySchema, req.query);
    const merchantId = String(req.params.merchantId);
    const sku = String(req.params.sku);
    res.set('Cache-Control', API_CACHE_CONTROL);
    // Keyed by the parsed query, not the address: every parameter that changes the answer is in the key, and
    // spellings of one query (order, blank q, defaults written out) share one entry.
    const key = `api:reviews\u0000${merchantId}\u0000${sku}\u0000${JSON.stringify([query.page, query.per_page, query.sort, query.stars, query.q])}`;
    await services.responseCache.send(req, res, key, async () => {
      const data = await loadPublicReviews(services.db, {
        merchantId,
        sku,
        page: query.page,
        perPage: query.per_page,
        sort: query.sort,
        stars: query.stars,
        search: query.q,
      });
      const body = {
        merchant_id: data.merchant.id,
        sku: data.product.sku,
        product_name: data.product.name,
        url: productUrl(data.product.slug),
        // The query is echoed, so two queries never share a body (nor an ETag), even when both find nothing.
        q: query.q,
        sort: query.sort,
        stars: query.stars,
        total: data.total,
        page: data.page,
        per_page: data.perPage,
        reviews: data.reviews.map((r) => publicReviewJson(r, publicUrl)),
      };
      return { type: 'application/json', body: JSON.stringify(body) };
    });
  });

  router.get(summaryPath, cors(byPath), async (req, res) => {
    res.set('Cache-Control', API_CACHE_CONTROL);
    await services.responseCache.send(req, res, `api:${req.originalUrl}`, async () => {
      const data = await loadPublicSummary(services.db, { merchantId: String(req.params.merchantId), sku: String(req.params.sku) });
      return { type: 'application/json', body: JSON.stringify(summaryJson(data.merchant.id, data.product, data.summary, productUrl(data.product.slug))) };
    });
  });

  // Published questions and answers; the same page parameters, caching and CORS as the reviews.
  router.get(questionsPath, cors(byPath), async (req, res) => {
    const query = parseQuery(reviewsQuerySchema, req.query);
    res.set('Cache-Control', API_CACHE_CONTROL);
    await services.responseCache.send(req, res, `api:${req.originalUrl}`, async () => {
      const data = await loadPublicQuestions(services.db, {
        merchantId: String(req.params.merchantId),
        sku: String(req.params.sku),
        page: query.page,
        perPage: query.per_page,
      });
      return { type: 'application/json', body: JSON.stringify(questionListJson(data, productUrl(data.product.slug))) };
    });
  });

  router.get('/v1/products/:sku/snippet', cors(byQuery), async (req, res) => {
    const query = parseQuery(snippetQuerySchema, req.query);
    const data = await loadPublicReviews(services.db, { merchantId: query.merchant, sku: String(req.params.sku), page: 1, perPage: query.limit });
    const url = productUrl(data.product.slug);
    const jsonLd = serializeJsonLd(
      productJsonLd({
        name: data.product.name,
        sku: data.product.sku,
        description: data.product.description,
        url,
        merchantName: data.merchant.name,
        count: data.summary.count,
        average: data.summary.average,
        reviews: data.reviews,
      }),
    );
    res.render('merchant/snippet', { layout: false, jsonLd, ...snippetView(data, url) }, (err, html) => {
      if (err) return sendProblem(res, 500, MESSAGES.server);
      sendCached(req, res, 'text/html; charset=utf-8', html, 300);
    });
  });

  router.post('/v1/orders', limits.apiWrite, async (req, res) => {
    if (!req.is('application/json')) throw new RejectedInputError(415, MESSAGES.notJson);
    const key = await authenticateApiKey(services.db, req.get('authorization'), services.clock());
    const raw = (req.body ?? {}) as Record<string, unknown>;
    // Fields that would choose recipients or attach a reward are a request shape only the API has; the note is
    // checked by recordOrder itself, for every entry point.
    const refusal = refusedFields(raw);
    if (refusal) throw new InvitationRefusedError(refusal);
    const input = parseInput(orderRequestSchema, raw);
    const order = await recordOrder(
      { db: services.db, invitationKey: services.invitationKey, publicUrl, unsubscribeKey: services.unsubscribeKey },
      key.merchantId,
      { sku: input.sku, buyerEmail: input.buyer_email, orderedAt: new Date(input.ordered_at), externalRef: input.external_ref, note: input.note || null },
      services.clock(),
    );
    res
      .status(order.created ? 201 : 200)
      .set('Cache-Control', 'no-store')
      .json({
        order_id: order.orderId,
        invitation_id: order.invitationId,
        invitation_expires_at: order.invitationExpiresAt.toISOString(),
        created: order.created,
      });
  });

  router.use((_req, res) => sendProblem(res, 404, MESSAGES.notFound));
  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof InvitationRefusedError) {
      return sendProblem(res, 422, error.message, {
        type: error.kind,
        title: error.kind === 'selective-invitation' ? 'Selective invitations are not allowed' : 'Incentivized invitations are not allowed',
      });
    }
    if (error instanceof InvalidQueryError)
      return sendProblem(res, 400, error.message, { type: 'invalid-query', title: 'Invalid query parameters', errors: error.details });
    if (error instanceof InvalidInputError)
      return sendProblem(res, 422, error.details.join(' '), { type: 'invalid-input', title: 'Invalid input', errors: error.details });
    if (error instanceof UserFacingError) {
      if (error.status === 401) res.set('WWW-Authenticate', 'Bearer realm="candor"');
      return sendProblem(res, error.status, error.message);
    }
    const type = (error as { type?: string }).type;
    if (type === 'entity.parse.failed') return sendProblem(res, 400, MESSAGES.badJson);
    const edge = edgeErrorFor(error);
    if (edge) return sendProblem(res, edge.status, edge.message);
    req.log?.error({ err: error }, 'api error');
    sendProblem(res, 500, MESSAGES.server);
  });
  return router;
}
