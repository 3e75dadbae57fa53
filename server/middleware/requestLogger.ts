import type { RequestHandler } from 'express';
import type { Logger } from '../../src/logger.ts';

/**
 * One structured line per request: method, path (no query: it can carry emails), status, duration.
 * Headers and bodies are never logged, so neither tokens nor message bodies can leak this way.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    });
    next();
  };
}
