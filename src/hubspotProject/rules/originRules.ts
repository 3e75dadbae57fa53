/**
 * All origin-bearing URLs (originFields.ts) and the cards' serviceOrigin.ts name one origin — the service's
 * PUBLIC_ORIGIN. A mismatch means a card, webhook or workflow action would call a different host than the one
 * permitted/deployed, which fails only after upload. URLs that are not public HTTPS are skipped here because
 * rules/urlRules.ts already reports them.
 */
import { originFieldsOf } from '../originFields.ts';
import type { ParsedComponent } from '../schemas/index.ts';
import { SERVICE_ORIGIN_FILE, parseServiceOriginModule } from '../serviceOriginModule.ts';
import { type Problem, problem } from '../types.ts';
import { publicHttpsProblem } from '../urls.ts';

interface Sighting {
  file: string;
  field: string;
  origin: string;
}

const FIX = 'run `npm run hubspot:configure -- --origin <https://your-service>` to rewrite every origin-bearing field';

function sightingsIn(components: readonly ParsedComponent[]): Sighting[] {
  return components.flatMap((c) =>
    originFieldsOf(c.type, c.config).flatMap(({ field, url }) =>
      publicHttpsProblem(url) ? [] : [{ file: c.file, field, origin: new URL(url).origin }],
    ),
  );
}

/**
 * `serviceOriginText` is the content of app/cards/lib/serviceOrigin.ts, or undefined when the file is missing.
 * Returns the agreed origin when there is exactly one.
 */
export function checkOrigins(
  components: readonly ParsedComponent[],
  serviceOriginText: string | undefined,
): { origin?: string; problems: Problem[] } {
  const problems: Problem[] = [];
  const sightings = sightingsIn(components);
  const moduleOrigin = serviceOriginText === undefined ? undefined : parseServiceOriginModule(serviceOriginText);
  if (serviceOriginText === undefined) {
    problems.push(problem(SERVICE_ORIGIN_FILE, '(path)', `missing; ${FIX}`));
  } else if (moduleOrigin === undefined) {
    problems.push(
      problem(SERVICE_ORIGIN_FILE, 'SERVICE_ORIGIN', `no \`export const SERVICE_ORIGIN = '…';\` line; ${FIX}`),
    );
  } else {
    const issue = publicHttpsProblem(moduleOrigin);
    if (issue) problems.push(problem(SERVICE_ORIGIN_FILE, 'SERVICE_ORIGIN', issue));
    else
      sightings.unshift({ file: SERVICE_ORIGIN_FILE, field: 'SERVICE_ORIGIN', origin: new URL(moduleOrigin).origin });
  }
  const reference = sightings[0];
  if (!reference) return { problems };
  for (const s of sightings.slice(1)) {
    if (s.origin !== reference.origin) {
      problems.push(
        problem(
          s.file,
          s.field,
          `origin ${s.origin} differs from ${reference.origin} (${reference.file} ${reference.field}); ${FIX}`,
        ),
      );
    }
  }
  return problems.length === 0 ? { origin: reference.origin, problems } : { problems };
}
