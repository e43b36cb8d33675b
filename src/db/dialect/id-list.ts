/** Parses "1,2,3" (what group_concat and string_agg give) into an array, without an object per id. */
export function parseIdList(s: string): Uint32Array {
  if (!s) return new Uint32Array(0);
  const out = new Uint32Array((s.length >> 1) + 1);
  let n = 0;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 44) {
      out[n++] = v;
      v = 0;
    } else v = v * 10 + (c - 48);
  }
  out[n++] = v;
  return out.slice(0, n);
}
