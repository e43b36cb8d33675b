/** One changed field between two versions, with its path and its values before and after. */
export interface FieldChange {
  path: string;
  before: string | null;
  after: string | null;
}

/** A readable diff of two documents: one entry per leaf value added, removed or changed. */
export function diffDocs(before: unknown, after: unknown): FieldChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const out: FieldChange[] = [];
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(path) ?? null;
    const y = b.get(path) ?? null;
    if (x !== y) out.push({ path, before: x, after: y });
  }
  return out.sort((p, q) => p.path.localeCompare(q.path));
}

function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value === null || value === undefined) return out;
  if (Array.isArray(value)) {
    value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, String(value));
  }
  return out;
}
