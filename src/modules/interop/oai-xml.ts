/** The OAI-PMH 2.0 namespace and the location of its schema. */
export const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';
const OAI_SCHEMA = 'http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd';

// Characters XML 1.0 does not allow at all (C0 controls but tab, CR, LF; lone surrogates; U+FFFE/U+FFFF).
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SPECIAL = /[&<>"]/g;
const NEEDS_WORK = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text made safe for XML content or a double-quoted attribute: escaped, with characters XML 1.0 forbids removed. */
export function esc(text: string): string {
  // Most values need nothing: one scan to find out is much cheaper than two replaces.
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(ILLEGAL, '').replace(SPECIAL, (c) => ENTITY[c]);
}

/** One element with escaped text content and attributes (attributes with undefined values are left out). */
export function el(name: string, text: string, attrs: Record<string, string | number | undefined> = {}): string {
  return `<${name}${attributes(attrs)}>${esc(text)}</${name}>`;
}

/** Attributes written ` a="v"` in order, skipping undefined values. */
export function attributes(attrs: Record<string, string | number | undefined>): string {
  let out = '';
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) out += ` ${k}="${esc(String(v))}"`;
  return out;
}

/** An instant written at the seconds granularity the repository declares (YYYY-MM-DDThh:mm:ssZ). */
export function datestamp(iso: string | Date): string {
  const s = typeof iso === 'string' ? new Date(iso).toISOString() : iso.toISOString();
  return `${s.slice(0, 19)}Z`;
}

/** The OAI-PMH envelope around a verb's body: responseDate, request (with its attributes) and the body. */
export function envelope(opts: { baseUrl: string; request: Record<string, string | undefined>; body: string; now?: Date }): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<OAI-PMH xmlns="${OAI_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${OAI_NS} ${OAI_SCHEMA}">` +
    `<responseDate>${datestamp(opts.now ?? new Date())}</responseDate>` +
    el('request', opts.baseUrl, opts.request) +
    opts.body +
    '</OAI-PMH>\n'
  );
}
