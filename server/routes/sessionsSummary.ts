import { Router } from 'express';
import type { SessionStore, SummaryLinks } from '../../src/sessions/index.ts';
import { sessionSummaryPage, summaryUnavailablePage } from '../pages/sessionSummaryPage.ts';

export interface SessionsSummaryDeps {
  links: Pick<SummaryLinks, 'verify'>;
  store: Pick<SessionStore, 'get'>;
}

/**
 * `GET /sessions/:portalId/:sessionId?k=…&sig=…`: the full summary page the meeting and the timeline event link to.
 * The signed link is the only credential (summaryLink.ts); a bad or retired link and an unknown session answer the
 * same 404, so the page reveals nothing about which sessions exist. The link must not leak onwards: no referrer, no
 * caching, no indexing, and no scripts on the page.
 */
export function sessionsSummaryRoutes(deps: SessionsSummaryDeps): Router {
  const router = Router();
  router.get('/sessions/:portalId/:sessionId', (req, res) => {
    res.set({
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'private, no-store',
      'X-Robots-Tag': 'noindex',
    });
    const portalId = Number(req.params.portalId);
    const { sessionId } = req.params;
    const k = typeof req.query.k === 'string' ? req.query.k : '';
    const sig = typeof req.query.sig === 'string' ? req.query.sig : '';
    const valid = Number.isSafeInteger(portalId) && portalId > 0 && deps.links.verify(portalId, sessionId, k, sig);
    const stored = valid ? deps.store.get(portalId, sessionId) : undefined;
    if (!stored) return void res.status(404).type('html').send(summaryUnavailablePage());
    res.type('html').send(sessionSummaryPage(stored.session));
  });
  return router;
}
