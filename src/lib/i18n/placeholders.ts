// Splits a UI string at its `{placeholders}`, so a page can put markup (a link, a
// piece of code) where the translation wants it instead of cutting sentences into
// fragments whose word order only fits one language.

export type TemplatePart = { text: string } | { slot: string };

export function splitPlaceholders(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    if (match.index > last) parts.push({ text: template.slice(last, match.index) });
    parts.push({ slot: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

/** Fills a UI string's `{name}` placeholders from `values`; a placeholder without a value stays as written. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : match,
  );
}
