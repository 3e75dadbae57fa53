/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** A tagged template that escapes every interpolated value; nest trusted fragments with `raw`. */
export function html(strings: TemplateStringsArray, ...values: (string | number | Raw | Raw[])[]): Raw {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    const piece = Array.isArray(v) ? v.map((r) => r.html).join('') : v instanceof Raw ? v.html : escapeHtml(v);
    out += piece + (strings[i + 1] ?? '');
  });
  return new Raw(out);
}

/** Markup that is already safe (built by `html`). */
export class Raw {
  constructor(readonly html: string) {}
}

/** A small complete page: no scripts, no external assets. */
export function page(title: string, body: Raw): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Switchboard</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
code{background:#f3f3f3;padding:0 .2em}.problem{color:#a40000}</style></head>
<body><h1>${title}</h1>
${body}
</body></html>`.html;
}
