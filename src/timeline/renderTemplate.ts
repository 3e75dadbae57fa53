/**
 * Renders an app-event template for the note fallback. Supports the subset our templates use — `{{name}}` and
 * `{{#if name}}…{{/if}}` — not full Handlebars (HubSpot renders the real thing for app events). Output is note-body
 * HTML: values are escaped, newlines become <br>.
 */
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderTemplate(template: string, tokens: Record<string, string>): string {
  const withConditionals = template.replace(/{{#if (\w+)}}([\s\S]*?){{\/if}}/g, (_m, name: string, inner: string) =>
    tokens[name] ? inner : '',
  );
  const markdownLinks = withConditionals.replace(/\[([^\]]+)\]\(({{\w+}})\)/g, '$1: $2');
  return escapeHtml(markdownLinks)
    .replace(/{{(\w+)}}/g, (_m, name: string) => escapeHtml(tokens[name] ?? ''))
    .replace(/\n/g, '<br>');
}
