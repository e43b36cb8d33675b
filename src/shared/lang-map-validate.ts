import type { FieldProblem } from './errors';
import { canonicalTag, type LangMap } from './lang-map';

/** Canonicalises a language map's tags, drops empty strings and lists, and reports invalid tags with their field. */
export function canonicalLangMap(map: LangMap, field: string, problems: FieldProblem[]): LangMap {
  const out: LangMap = {};
  for (const [tag, values] of Object.entries(map ?? {})) {
    const canon = canonicalTag(tag);
    if (!canon) {
      problems.push({ field: `${field}/${tag}`, message: `"${tag}" is not a BCP 47 language tag` });
      continue;
    }
    const kept = values.map((v) => v.trim()).filter(Boolean);
    if (kept.length) out[canon] = [...(out[canon] ?? []), ...kept];
  }
  return out;
}
