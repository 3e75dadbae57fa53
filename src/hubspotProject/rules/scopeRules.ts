/**
 * Scopes the app's features need, checked against app-hsmeta.json `config.auth`:
 * - app-event → `timeline` in requiredScopes (reference §3, docs app-events reference) [D];
 * - workflow-action → `automation` in requiredScopes: completing a BLOCKed action calls the callbacks API,
 *   whose scope is `automation` (§5.3, spec actionsV4) [C];
 * - webhook subscriptions → read scope of their object in required or optional scopes ("CRM subscriptions need
 *   crm.objects.<object>.read; tickets events need tickets", §1.3 scope notes) [D];
 * - no scope listed twice, none both required and optional.
 */
import { type ParsedComponent, ofType } from '../schemas/index.ts';
import { type Problem, problem } from '../types.ts';

/** Scope that lets the app receive a webhook about this object. [M] conversation.* is not mapped. */
const READ_SCOPE: Record<string, string> = {
  contact: 'crm.objects.contacts.read',
  company: 'crm.objects.companies.read',
  deal: 'crm.objects.deals.read',
  ticket: 'tickets',
  line_item: 'crm.objects.line_items.read',
  product: 'crm.objects.products.read',
};

function webhookScopeNeeds(components: readonly ParsedComponent[]): { field: string; file: string; scope: string }[] {
  return ofType(components, 'webhooks').flatMap(({ file, config }) => {
    const { crmObjects = [], legacyCrmObjects = [], hubEvents = [] } = config.subscriptions;
    const needs = [
      ...crmObjects.map((s, i) => ({ object: s.objectType, field: `config.subscriptions.crmObjects[${i}]` })),
      ...legacyCrmObjects.map((s, i) => ({
        object: s.subscriptionType.split('.')[0],
        field: `config.subscriptions.legacyCrmObjects[${i}]`,
      })),
      ...hubEvents.map((s, i) => ({
        object: s.subscriptionType.split('.')[0],
        field: `config.subscriptions.hubEvents[${i}]`,
      })),
    ];
    return needs.flatMap(({ object, field }) => {
      const scope = object === undefined ? undefined : READ_SCOPE[object];
      return scope ? [{ file, field, scope }] : [];
    });
  });
}

function listProblems(file: string, required: string[], optional: string[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const [list, name] of [
    [required, 'requiredScopes'],
    [optional, 'optionalScopes'],
  ] as const) {
    list.forEach((scope, index) => {
      if (seen.has(scope)) {
        problems.push(problem(file, `config.auth.${name}[${index}]`, `"${scope}" is listed more than once`));
      }
      seen.add(scope);
    });
  }
  return problems;
}

export function checkScopes(components: readonly ParsedComponent[]): Problem[] {
  const [app] = ofType(components, 'app');
  if (!app) return [];
  const required = app.config.auth.requiredScopes;
  const optional = app.config.auth.optionalScopes ?? [];
  const problems = listProblems(app.file, required, optional);
  // Reported on app-hsmeta.json, where the fix goes; the message names the component that needs the scope.
  const scopesField = 'config.auth.requiredScopes';
  for (const event of ofType(components, 'app-event')) {
    if (!required.includes('timeline')) {
      problems.push(problem(app.file, scopesField, `must include "timeline" for the app-event in ${event.file}`));
    }
  }
  for (const action of ofType(components, 'workflow-action')) {
    if (!required.includes('automation')) {
      const message = `must include "automation" for the workflow action in ${action.file}`;
      problems.push(problem(app.file, scopesField, message));
    }
  }
  for (const { file, field, scope } of webhookScopeNeeds(components)) {
    if (!required.includes(scope) && !optional.includes(scope)) {
      problems.push(
        problem(app.file, scopesField, `must include "${scope}" (or list it in optionalScopes) for ${file} ${field}`),
      );
    }
  }
  return problems;
}
