/**
 * Every URL HubSpot calls or loads must be public HTTPS: permittedUrls fetch/iframe/img (reference §1.3,
 * AGENTS.md "must be HTTPS and must not be localhost"; §2.3 hubspot.fetch is HTTPS-only), the webhook
 * targetUrl and workflow-action URLs (HubSpot's servers call them). OAuth redirect URLs may be http only on
 * loopback — the marketplace template itself uses http://localhost:3000 (§1.3). [M] that HubSpot rejects
 * plain-http non-loopback redirects; OAuth 2.0 security practice forbids them anyway.
 */
import { originFieldsOf } from '../originFields.ts';
import { type ParsedComponent, ofType } from '../schemas/index.ts';
import { type Problem, problem } from '../types.ts';
import { isLoopbackHost, publicHttpsProblem, tryParseUrl } from '../urls.ts';

const PERMITTED_KINDS = ['fetch', 'iframe', 'img'] as const;

function permittedUrlProblems(components: readonly ParsedComponent[]): Problem[] {
  return ofType(components, 'app').flatMap((app) =>
    PERMITTED_KINDS.flatMap((kind) =>
      (app.config.permittedUrls?.[kind] ?? []).flatMap((url, index) => {
        const issue = publicHttpsProblem(url);
        return issue ? [problem(app.file, `config.permittedUrls.${kind}[${index}]`, issue)] : [];
      }),
    ),
  );
}

function redirectUrlProblems(components: readonly ParsedComponent[]): Problem[] {
  return ofType(components, 'app').flatMap((app) =>
    (app.config.auth.redirectUrls ?? []).flatMap((url, index) => {
      const parsed = tryParseUrl(url);
      const field = `config.auth.redirectUrls[${index}]`;
      if (!parsed) return [problem(app.file, field, `"${url}" is not an absolute URL`)];
      const localHttp = parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname);
      if (parsed.protocol !== 'https:' && !localHttp) {
        return [
          problem(app.file, field, `"${url}" must use https (plain http is only for localhost during development)`),
        ];
      }
      return [];
    }),
  );
}

/** targetUrl, actionUrl, optionsUrl; fetch entries are covered by permittedUrlProblems. */
function calledUrlProblems(components: readonly ParsedComponent[]): Problem[] {
  return components
    .filter((c) => c.type === 'webhooks' || c.type === 'workflow-action')
    .flatMap((c) =>
      originFieldsOf(c.type, c.config).flatMap(({ field, url }) => {
        const issue = publicHttpsProblem(url);
        return issue ? [problem(c.file, field, issue)] : [];
      }),
    );
}

export function checkUrls(components: readonly ParsedComponent[]): Problem[] {
  return [...permittedUrlProblems(components), ...redirectUrlProblems(components), ...calledUrlProblems(components)];
}
