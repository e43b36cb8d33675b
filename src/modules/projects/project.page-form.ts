import type { LangMap } from '../../shared/lang-map';
import { UI_LANGUAGES } from '../../shared/lang-map';
import { formString } from '../accounts/form-outcome';

/** The values of a posted form as strings (first value of each field). */
export function formValues(body: unknown, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, formString(body, n)]));
}

/** The language of a form's texts: one of the UI languages, else the page's. */
export function formLang(v: Record<string, string>, fallback: string): string {
  return (UI_LANGUAGES as readonly string[]).includes(v.lang) ? v.lang : fallback;
}

/** A text typed in one language as a language map (empty when blank); paragraphs split on blank lines when asked. */
export function langMapOf(text: string | undefined, lang: string, paragraphs = false): LangMap {
  const t = (text ?? '').replace(/\r\n?/g, '\n').trim();
  if (!t) return {};
  return { [lang]: paragraphs ? t.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean) : [t] };
}

/** A number typed in a form, or NaN. */
export function formNumber(text: string | undefined): number {
  const t = (text ?? '').trim().replace(',', '.');
  return t ? Number(t) : Number.NaN;
}
