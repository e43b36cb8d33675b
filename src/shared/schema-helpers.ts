import { Type, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { validationError, type FieldProblem } from './errors';

/** A language map schema: BCP 47 tag to a list of strings. */
export const LangMapSchema = Type.Record(Type.String({ maxLength: 35 }), Type.Array(Type.String({ maxLength: 100_000 }), { maxItems: 100 }), {
  description: 'Language map: BCP 47 tag (or "none") to a list of strings, as in IIIF',
  examples: [{ en: ['Diamond Sutra'], zh: ['金刚经'] }],
});

const compiled = new WeakMap<TSchema, ReturnType<typeof TypeCompiler.Compile>>();

/** Checks a value against a schema; throws one validation error naming every bad field. */
export function assertValid<T extends TSchema>(schema: T, value: unknown, what: string): void {
  let checker = compiled.get(schema);
  if (!checker) {
    checker = TypeCompiler.Compile(schema);
    compiled.set(schema, checker);
  }
  if (checker.Check(value)) return;
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const e of checker.Errors(value)) {
    const field = e.path || '/';
    if (seen.has(field)) continue;
    seen.add(field);
    problems.push({ field, message: e.message });
    if (problems.length >= 50) break;
  }
  throw validationError(problems, what);
}
