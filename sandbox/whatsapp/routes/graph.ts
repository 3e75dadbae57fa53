import { type Request, type Response, Router } from 'express';
import { authorize } from '../auth.ts';
import { type GraphErrorReply, unknownObject } from '../graphErrors.ts';
import { handleSend } from '../sendMessage.ts';
import type { WhatsAppSandboxState } from '../state.ts';
import { templateView } from '../templates.ts';
import type { Template } from '../types.ts';

/**
 * The Graph API surface the product uses: send a message and list templates. Versions look like "v23.0"
 * (reference §1: keep the version configurable); any vN.N is accepted [M].
 */
const GRAPH_VERSION = /^v\d+\.\d+$/;

export function graphRoutes(state: WhatsAppSandboxState): Router {
  const router = Router();

  // Anything that is not "vN.N" is not a Graph path: fall through to the unknown-path answer.
  router.use('/:version', (req, _res, next) =>
    GRAPH_VERSION.test(String(req.params.version)) ? next() : next('router'),
  );

  router.post('/:version/:phoneNumberId/messages', (req, res) => {
    const reply = handleSend(state, {
      phoneNumberId: String(req.params.phoneNumberId),
      authorization: req.get('authorization'),
      queryToken: queryString(req, 'access_token'),
      body: req.body,
    });
    res.locals.phoneNumberId = req.params.phoneNumberId;
    res.locals.errorCode = reply.errorCode;
    res
      .status(reply.status)
      .set(reply.headers ?? {})
      .json(reply.body);
  });

  router.get('/:version/:wabaId/message_templates', (req, res) => {
    const auth = authorize(state, req.get('authorization'), queryString(req, 'access_token'));
    const wabaId = String(req.params.wabaId);
    if (!auth.ok) return sendGraphError(res, auth.reply);
    if (auth.grant.wabaId !== wabaId || !state.wabas.has(wabaId))
      return sendGraphError(res, unknownObject(wabaId, 'get'));
    res.json(
      templatePage(
        state.templates.filter((t) => t.wabaId === wabaId && matches(t, req)),
        req,
      ),
    );
  });

  return router;
}

/** Graph filters name/status/category/language (exact match; status and category case-insensitive) [U]. */
function matches(t: Template, req: Request): boolean {
  const eq = (param: string, value: string, fold = false) => {
    const want = queryString(req, param);
    return want === undefined || (fold ? want.toUpperCase() === value : want === value);
  };
  return (
    eq('name', t.name) && eq('language', t.language) && eq('status', t.status, true) && eq('category', t.category, true)
  );
}

/**
 * Cursor paging like Graph's (`paging.cursors.before/after`, `paging.next` when more remain). Cursors are
 * opaque; ours are base64 offsets. Default page size 25 [U].
 */
function templatePage(all: Template[], req: Request) {
  const limit = Math.min(Math.max(Number(queryString(req, 'limit') ?? 25) || 25, 1), 100);
  const afterRaw = queryString(req, 'after');
  const start = afterRaw ? Number(Buffer.from(afterRaw, 'base64').toString('utf8')) + 1 || 0 : 0;
  const data = all.slice(start, start + limit).map(templateView);
  if (data.length === 0) return { data };
  const cursor = (i: number) => Buffer.from(String(i)).toString('base64');
  const last = start + data.length - 1;
  const paging: { cursors: { before: string; after: string }; next?: string } = {
    cursors: { before: cursor(start), after: cursor(last) },
  };
  if (last < all.length - 1) {
    const next = new URL(req.originalUrl, `${req.protocol}://${req.get('host')}`);
    next.searchParams.set('after', cursor(last));
    next.searchParams.set('limit', String(limit));
    paging.next = next.toString();
  }
  return { data, paging };
}

function queryString(req: Request, name: string): string | undefined {
  const v = req.query[name];
  return typeof v === 'string' ? v : undefined;
}

export function sendGraphError(res: Response, reply: GraphErrorReply): void {
  res.locals.errorCode = reply.body.error.code;
  res
    .status(reply.status)
    .set(reply.headers ?? {})
    .json(reply.body);
}
