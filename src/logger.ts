import pino, { type Logger, type DestinationStream } from 'pino';

/**
 * Paths pino blanks out wherever they appear in a log object. Secrets must never reach a log line,
 * so anything that could carry a token or a signature is listed here, at any depth we log.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-hubspot-signature"]',
  'req.headers["x-hubspot-signature-v3"]',
  'req.headers["x-hub-signature-256"]',
  'headers.authorization',
  '*.accessToken',
  '*.refreshToken',
  '*.access_token',
  '*.refresh_token',
  '*.clientSecret',
  '*.client_secret',
  '*.token',
  '*.apiKey',
  '*.secret',
  'accessToken',
  'refreshToken',
  'clientSecret',
  'token',
  'apiKey',
  'secret',
  'config.hubspot.clientSecret',
];

/** Builds the structured logger; `destination` lets tests capture output. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'switchboard' } },
    destination,
  );
}

export type { Logger };
