import type { LogEvent } from 'kysely';

/**
 * With HERITAGE_SQL_TIMING=1, every statement's time is added up by its shape (values folded
 * away) and the 25 costliest shapes are printed on stderr when the process exits: how the import
 * benchmark found PostgreSQL scanning the whole record table for each batch. Otherwise nothing
 * is logged (Kysely then skips the timing).
 */
export function statementTimingLog(env: NodeJS.ProcessEnv = process.env): ((e: LogEvent) => void) | undefined {
  if (env.HERITAGE_SQL_TIMING !== '1') return undefined;
  const totals = new Map<string, { count: number; ms: number }>();
  process.on('exit', () => {
    const rows = [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25);
    for (const [shape, t] of rows) process.stderr.write(`${t.ms.toFixed(0).padStart(8)} ms ${String(t.count).padStart(7)}×  ${shape}\n`);
  });
  return (e) => {
    const shape = statementShape(e.query.sql);
    const t = totals.get(shape) ?? { count: 0, ms: 0 };
    t.count++;
    t.ms += e.queryDurationMillis;
    totals.set(shape, t);
  };
}

/** A statement's text with runs of placeholders and of value rows folded to "…", cut to 160 characters. */
export function statementShape(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/(\$\d+|\?)(, ?(\$\d+|\?))+/g, '…')
    .replace(/\(…\)(, \(…\))+/g, '(…)…')
    .slice(0, 160);
}
