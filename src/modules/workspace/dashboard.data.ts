import { pickLang, type LangMap } from '../../shared/lang-map';
import type { Actor } from '../accounts/actor';
import { staffOf } from '../accounts/actor';
import { listJobs } from '../jobs/job.service';
import type { Job } from '../jobs/job.types';
import type { Store } from '../records/record.store';

/** How many of one institution's records there are, by what the public may see of them. */
export interface InstitutionFigures {
  id: string;
  name: string;
  public: number;
  members: number;
  private: number;
  embargoed: number;
  trashed: number;
}

export interface RecentChange {
  id: string;
  title: string;
  institutionId: string;
  action: string;
  by: string | null;
  at: string;
  deleted: boolean;
}

export interface DashboardData {
  institutions: InstitutionFigures[];
  changes: RecentChange[];
  jobs: Job[];
}

const RECENT = 12;

/**
 * What a member of staff sees first: the records of the institutions they work for (by
 * visibility, embargoed, in the trash), the latest changes to them, and their imports, harvests
 * and image jobs. Alliance admins without a membership see every institution.
 */
export async function dashboardData(store: Store, actor: Extract<Actor, { kind: 'user' }>, lang: string): Promise<DashboardData> {
  const { db } = store;
  const now = new Date().toISOString();
  const mine = staffOf(actor);
  let q = db.selectFrom('institution').select(['id', 'name']).where('deleted_at', 'is', null).orderBy('name_sort').limit(50);
  if (!actor.isAdmin || mine.length) q = q.where('id', 'in', mine.length ? mine : ['\u0000']);
  const institutions = await q.execute();
  const ids = institutions.map((i) => i.id);
  if (!ids.length) return { institutions: [], changes: [], jobs: [] };

  const counts = await db
    .selectFrom('record')
    .select((eb) => [
      'institution_id',
      'visibility',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('embargo_until', '>', now).then(1).else(0).end()).as('embargoed'),
    ])
    .where('institution_id', 'in', ids)
    .where('deleted_at', 'is', null)
    .groupBy(['institution_id', 'visibility'])
    .execute();
  const trashed = await db.selectFrom('record').select((eb) => ['institution_id', eb.fn.countAll<number>().as('n')]).where('institution_id', 'in', ids).where('deleted_at', 'is not', null).groupBy('institution_id').execute();
  const figures = new Map(institutions.map((i) => [i.id, { id: i.id, name: pickLang(JSON.parse(i.name) as LangMap, lang)?.values[0] ?? i.id, public: 0, members: 0, private: 0, embargoed: 0, trashed: 0 } as InstitutionFigures]));
  for (const c of counts) {
    const f = figures.get(c.institution_id)!;
    if (c.visibility === 'public' || c.visibility === 'members' || c.visibility === 'private') f[c.visibility] += Number(c.n);
    f.embargoed += Number(c.embargoed ?? 0);
  }
  for (const t of trashed) figures.get(t.institution_id)!.trashed = Number(t.n);

  const rows = await db
    .selectFrom('record')
    .select(['id', 'institution_id', 'metadata', 'change_action', 'updated_by', 'updated_at', 'deleted_at'])
    .where('institution_id', 'in', ids)
    .orderBy('updated_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(RECENT)
    .execute();
  const changes = rows.map((r) => ({
    id: r.id,
    title: pickLang((JSON.parse(r.metadata) as { title?: LangMap }).title, lang)?.values[0] ?? r.id,
    institutionId: r.institution_id,
    action: r.change_action,
    by: r.updated_by,
    at: r.updated_at,
    deleted: !!r.deleted_at,
  }));

  const jobs = (await Promise.all(ids.slice(0, 10).map((id) => listJobs(store, actor, { institutionId: id, limit: RECENT }).then((p) => p.items))))
    .flat()
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, RECENT);
  return { institutions: [...figures.values()], changes, jobs };
}
