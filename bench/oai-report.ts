import type { HarvestResult, OaiBenchResult } from './oai.bench';
import { fmtInt, fmtMs, table, type Latencies } from './support';

/** The budget of DESIGN.md ("Performance budgets"): OAI-PMH ListRecords served on the 2-core machine. */
export const OAI_BUDGET = { listRecordsPerSecond: 5_000 };

/** The OAI-PMH and Change Discovery table of one dialect: metric | ours | raw limit | budget | ok? */
export function renderOaiReport(r: OaiBenchResult): string {
  const lr = r.listRecords;
  const li = r.listIdentifiers;
  const p50 = (x: Latencies) => `${fmtMs(x.p50)} ms (max ${fmtMs(x.max)})`;
  const covered = (h: HarvestResult) => (h.complete ? `whole list, ${fmtInt(h.items)}` : `first ${fmtInt(h.items)} of ${fmtInt(h.completeListSize ?? NaN)} (stopped after ${h.seconds.toFixed(0)} s)`);
  const met = lr.itemsPerSecond >= OAI_BUDGET.listRecordsPerSecond;
  const rows: string[][] = [
    [
      'OAI ListRecords oai_dc: records/s',
      fmtInt(lr.itemsPerSecond),
      `${fmtInt(r.rawPages.recordsPerSecond)} page() SQL alone (ours ${Math.round((lr.itemsPerSecond / r.rawPages.recordsPerSecond) * 100)}%)`,
      `>= ${fmtInt(OAI_BUDGET.listRecordsPerSecond)}`,
      met ? 'MET' : 'MISSED',
    ],
    ['  records harvested', covered(lr), '', '', ''],
    [`  responses of ${r.pageSize}, p50 / p95 / p99 ms`, trio(lr.pageLatencies), '', '', ''],
    ['  first response (counts the list), ms', fmtMs(lr.firstPageMs), '', '', ''],
    ['  bytes/s (oai_dc XML)', `${(lr.bytesPerSecond / 2 ** 20).toFixed(1)} MiB/s (${fmtInt(lr.bytes / Math.max(1, lr.items))} B/record)`, '', '', ''],
    ['  server main-thread CPU per record', cpu(lr.mainCpuMicrosPerItem), '', '', ''],
    ['OAI ListIdentifiers oai_dc: headers/s', fmtInt(li.itemsPerSecond), '', '', ''],
    ['  headers harvested', covered(li), '', '', ''],
    ['  responses p50 / p95 / p99 ms', trio(li.pageLatencies), '', '', ''],
    ['  server main-thread CPU per header', cpu(li.mainCpuMicrosPerItem), '', '', ''],
    [`OAI ListRecords from=${r.selective.from}: first response`, p50(r.selective.firstPage), `${fmtInt(r.selective.listSize ?? r.selective.items)} records from then`, '', ''],
    [`IIIF Change Discovery collection`, p50(r.discovery.collection), '', '', ''],
    [`  last page (${fmtInt(r.discovery.lastPage)}), read first by consumers`, p50(r.discovery.last), '', '', ''],
    [`  middle page (${fmtInt(r.discovery.middlePage)})`, p50(r.discovery.middle), '', '', ''],
    ['  first page (0)', p50(r.discovery.first), '', '', ''],
  ];
  const title = `OAI-PMH and IIIF Change Discovery, ${r.dialect}, ${fmtInt(r.recordRows)} records (${fmtInt(r.feedSize)} in the public feed)`;
  const lines = [title, '='.repeat(title.length), table(['metric', 'ours', 'raw limit', 'budget', 'ok?'], rows)];
  lines.push('', `(one client on a worker thread, sequential GETs over HTTP to the app on 127.0.0.1 as harvesters do; ${r.pageSize} records per OAI response, ${r.discovery.pageSize} activities per discovery page; single documents p50 of ${r.selective.firstPage.n})`);
  if (r.dialect !== 'sqlite') lines.push('(on PostgreSQL the SQL runs in the server process, so main-thread CPU leaves it out)');
  if (!lr.complete) lines.push(`(ListRecords stopped after ${lr.seconds.toFixed(0)} s, BENCH_OAI_SECONDS; records/s is over the part harvested)`);
  return lines.join('\n');
}

const trio = (x: Latencies) => `${fmtMs(x.p50)} / ${fmtMs(x.p95)} / ${fmtMs(x.p99)}`;
const cpu = (micros: number) => `${fmtInt(micros)} µs (≈ ${fmtInt(1e6 / micros)}/s on one free core)`;
