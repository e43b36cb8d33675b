import type { Actor } from '../accounts/actor';
import type { Store } from '../records/record.store';
import { projectFigures, type ProjectFigure } from '../projects/project.figures';
import { allianceRepository } from './alliance.repository';
import { describeMembers, getAlliance, institutionFacts, type Member } from './alliance.service';
import { continentOf, CONTINENTS, type Continent } from './continent';
import { figuresRepository as repo } from './figures.repository';
import { validationError } from '../../shared/errors';

/** The figures an alliance reports for a year (members as at the year's end, or today in the current year). */
export interface AllianceFigures {
  allianceId: string;
  year: number;
  asOf: string;
  members: {
    total: number;
    states: number;
    institutions: number;
    joined: number;
    left: number;
    byTier: { tierId: string; count: number }[];
    byCountry: { country: string; count: number }[];
    byContinent: { continent: Continent; count: number }[];
  };
  /** Members at the end of each year since the first joined, up to `year`. */
  series: { year: number; total: number; byTier: Record<string, number> }[];
  contributions: { institutions: number; records: number; images: number };
  /** Projects by kind with the distinct countries of their partners, e.g. 11 restoration projects with 6 countries. */
  projects: ProjectFigure[];
}

/** The figures of an alliance for a year, counting only what the actor may see. */
export async function allianceFigures(store: Store, actor: Actor, allianceId: string, year?: number): Promise<AllianceFigures> {
  const alliance = await getAlliance(store.db, allianceId);
  const today = new Date().toISOString().slice(0, 10);
  const thisYear = Number(today.slice(0, 4));
  const y = year ?? thisYear;
  if (!Number.isInteger(y) || y < 1900 || y > thisYear) throw validationError([{ field: 'year', message: `a year from 1900 to ${thisYear}` }], 'query');
  const asOf = y === thisYear ? today : `${y}-12-31`;
  const events = await allianceRepository.events(store.db, allianceId);
  const facts = await institutionFacts(store.db, events);
  const members = await describeMembers(store.db, events, asOf, facts);
  const firstYear = events.length ? Number(events[0].effective_on.slice(0, 4)) : y;
  const series: AllianceFigures['series'] = [];
  for (let sy = Math.max(firstYear, y - 30); sy <= y; sy++) {
    const at = sy === thisYear ? today : `${sy}-12-31`;
    const ms = sy === y ? members : await describeMembers(store.db, events, at, facts);
    series.push({ year: sy, total: ms.length, byTier: countBy(ms, (m) => m.tierId) });
  }
  const inYear = events.filter((e) => e.effective_on.startsWith(`${y}-`));
  const institutionIds = members.flatMap((m) => (m.institutionId ? [m.institutionId] : []));
  const until = `${asOf}T23:59:59.999Z`;
  const records = await repo.recordsByInstitution(store.db, actor, institutionIds, until);
  const byTier = countBy(members, (m) => m.tierId);
  const byContinent = countBy(members, (m) => continentOf(m.country) ?? '');
  return {
    allianceId,
    year: y,
    asOf,
    members: {
      total: members.length,
      states: members.filter((m) => m.kind === 'state').length,
      institutions: institutionIds.length,
      joined: inYear.filter((e) => e.event === 'joined').length,
      left: inYear.filter((e) => e.event === 'left').length,
      byTier: alliance.tiers.map((t) => ({ tierId: t.id, count: byTier[t.id] ?? 0 })),
      byCountry: Object.entries(countBy(members, (m: Member) => m.country))
        .map(([country, count]) => ({ country, count }))
        .sort((a, b) => b.count - a.count || a.country.localeCompare(b.country)),
      byContinent: CONTINENTS.filter((c) => byContinent[c]).map((continent) => ({ continent, count: byContinent[continent] })),
    },
    series,
    contributions: {
      institutions: [...records.values()].filter((n) => n > 0).length,
      records: [...records.values()].reduce((a, b) => a + b, 0),
      images: await repo.images(store.db, actor, institutionIds, until),
    },
    projects: await projectFigures(store.db, actor, { year: y }),
  };
}

/** The figures as CSV rows (section, key, value), ready for a spreadsheet. */
export function figuresCsvRows(f: AllianceFigures, labels: { tier: (id: string) => string }): string[][] {
  const rows: string[][] = [['section', 'item', 'value']];
  const add = (section: string, item: string, value: number) => rows.push([section, item, String(value)]);
  add('members', 'total', f.members.total);
  add('members', 'states', f.members.states);
  add('members', 'institutions', f.members.institutions);
  add('members', `joined in ${f.year}`, f.members.joined);
  add('members', `left in ${f.year}`, f.members.left);
  for (const t of f.members.byTier) add('members by tier', labels.tier(t.tierId), t.count);
  for (const c of f.members.byContinent) add('members by continent', c.continent, c.count);
  for (const c of f.members.byCountry) add('members by country', c.country, c.count);
  for (const s of f.series) add('members at year end', String(s.year), s.total);
  add('contributions', 'institutions contributing records', f.contributions.institutions);
  add('contributions', 'records', f.contributions.records);
  add('contributions', 'images', f.contributions.images);
  for (const p of f.projects) {
    add('projects by kind', p.kind, p.projects);
    add('partner countries by project kind', p.kind, p.countries);
  }
  return rows;
}

function countBy<T>(items: T[], key: (x: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of items) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}
