/**
 * Rules that tie the app's distribution/auth to the features the project uses.
 * - marketplace apps must use OAuth (reference §1.3, AGENTS.md);
 * - OAuth apps need at least one redirect URL (the install flow redirects there, §8);
 * - app-event is for OAuth + marketplace apps only (§1.1 hpc config.json; §3).
 */
import { type ParsedComponent, ofType } from '../schemas/index.ts';
import { type Problem, problem } from '../types.ts';

export function checkApp(components: readonly ParsedComponent[]): Problem[] {
  const [app] = ofType(components, 'app');
  if (!app) return [];
  const { distribution, auth } = app.config;
  const problems: Problem[] = [];
  if (distribution === 'marketplace' && auth.type !== 'oauth') {
    problems.push(problem(app.file, 'config.auth.type', 'must be "oauth" when config.distribution is "marketplace"'));
  }
  if (auth.type === 'oauth' && !auth.redirectUrls?.length) {
    problems.push(problem(app.file, 'config.auth.redirectUrls', 'an OAuth app needs at least one redirect URL'));
  }
  const marketplaceOauth = distribution === 'marketplace' && auth.type === 'oauth';
  for (const event of ofType(components, 'app-event')) {
    if (!marketplaceOauth) {
      problems.push(
        problem(event.file, 'type', 'app-event components need a marketplace app with OAuth (see app/app-hsmeta.json)'),
      );
    }
  }
  return problems;
}
