import type { Db } from '../../db/database';
import type { Actor } from '../accounts/actor';
import { visibleTo } from '../records/record.visibility';
import { projectVisibleTo } from './project.policy';
import type {
  NewProjectRow,
  ProjectMilestoneRow,
  ProjectMilestoneTable,
  ProjectOutputRow,
  ProjectOutputTable,
  ProjectPartnerRow,
  ProjectPartnerTable,
  ProjectRow,
  ProjectSiteRow,
  ProjectSiteTable,
  ProjectTable,
  ProjectUpdateRow,
  ProjectUpdateTable,
} from './project.table';

/** Filters of the project list. */
export interface ProjectFilter {
  kind?: string;
  status?: string;
  country?: string;
  institutionId?: string;
  /** Active during this year (dates unknown count as active). */
  year?: number;
  /** Only projects with an analysis of this method. */
  analysisMethod?: string;
  q?: string;
}

/** All SQL of projects and their parts. */
export const projectRepository = {
  async insert(db: Db, row: NewProjectRow): Promise<void> {
    await db.insertInto('project').values(row).execute();
  },

  async update(db: Db, id: string, patch: Partial<Omit<ProjectTable, 'id' | 'created_at' | 'created_by'>>): Promise<void> {
    await db.updateTable('project').set(patch).where('id', '=', id).execute();
  },

  async delete(db: Db, id: string): Promise<void> {
    // Children are removed explicitly: SQLite enforces ON DELETE CASCADE only with foreign keys on.
    for (const t of ['project_partner', 'project_site', 'project_milestone', 'project_update', 'project_output'] as const) {
      await db.deleteFrom(t).where('project_id', '=', id).execute();
    }
    await db.deleteFrom('pledge').where('need_id', 'in', db.selectFrom('need').select('id').where('project_id', '=', id)).execute();
    await db.deleteFrom('need').where('project_id', '=', id).execute();
    await db.updateTable('analysis').set({ project_id: null }).where('project_id', '=', id).execute();
    await db.deleteFrom('project').where('id', '=', id).execute();
  },

  async find(db: Db, id: string): Promise<ProjectRow | undefined> {
    return db.selectFrom('project').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Projects visible to the actor matching the filter, by title; with the total. */
  async list(db: Db, actor: Actor, f: ProjectFilter, page: { limit: number; offset: number }): Promise<{ rows: ProjectRow[]; total: number }> {
    const base = filtered(db, actor, f);
    const [rows, count] = await Promise.all([
      base.selectAll('project').orderBy('project.title_sort').orderBy('project.id').limit(page.limit).offset(page.offset).execute(),
      base.select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).executeTakeFirst(),
    ]);
    return { rows, total: Number(count?.n ?? 0) };
  },

  /** Counts of visible projects per kind, status and partner country, under the same filter minus that facet. */
  async facets(db: Db, actor: Actor, f: ProjectFilter): Promise<{ kind: Map<string, number>; status: Map<string, number>; country: Map<string, number> }> {
    const [kinds, statuses, countries] = await Promise.all([
      filtered(db, actor, { ...f, kind: undefined }).select(['project.kind as v', (eb) => eb.fn.countAll<number | string | bigint>().as('n')]).groupBy('project.kind').execute(),
      filtered(db, actor, { ...f, status: undefined }).select(['project.status as v', (eb) => eb.fn.countAll<number | string | bigint>().as('n')]).groupBy('project.status').execute(),
      db
        .selectFrom('project_partner as cp')
        .where('cp.project_id', 'in', filtered(db, actor, { ...f, country: undefined }).select('project.id'))
        .select(['cp.country_code as v', (eb) => eb.fn.count<number | string | bigint>('cp.project_id').distinct().as('n')])
        .groupBy('cp.country_code')
        .execute(),
    ]);
    const toMap = (rs: { v: string; n: number | string | bigint }[]) => new Map(rs.map((r) => [r.v, Number(r.n)]));
    return { kind: toMap(kinds), status: toMap(statuses), country: toMap(countries) };
  },

  /** Per kind: visible projects (active during the year, if given) and the distinct countries of their partners. */
  async figures(db: Db, actor: Actor, year?: number): Promise<{ kind: string; projects: number; countries: number }[]> {
    const ids = filtered(db, actor, { year }).select('project.id');
    const [projects, countries] = await Promise.all([
      filtered(db, actor, { year }).select(['project.kind as kind', (eb) => eb.fn.countAll<number | string | bigint>().as('n')]).groupBy('project.kind').execute(),
      db
        .selectFrom('project_partner as fp')
        .innerJoin('project as fproj', 'fproj.id', 'fp.project_id')
        .where('fp.project_id', 'in', ids)
        .select(['fproj.kind as kind', (eb) => eb.fn.count<number | string | bigint>('fp.country_code').distinct().as('n')])
        .groupBy('fproj.kind')
        .execute(),
    ]);
    const byKind = new Map(countries.map((c) => [c.kind, Number(c.n)]));
    return projects.map((p) => ({ kind: p.kind, projects: Number(p.n), countries: byKind.get(p.kind) ?? 0 }));
  },

  /** Sites of the visible projects matching the filter, for the map. */
  async sites(db: Db, actor: Actor, f: ProjectFilter, limit: number): Promise<(ProjectSiteRow & { kind: string })[]> {
    return db
      .selectFrom('project_site')
      .innerJoin('project', 'project.id', 'project_site.project_id')
      .where('project_site.project_id', 'in', filtered(db, actor, f).select('project.id'))
      .selectAll('project_site')
      .select('project.kind')
      .limit(limit)
      .execute();
  },

  // Parts of one project -----------------------------------------------------------------------

  async partners(db: Db, projectIds: string[]): Promise<(ProjectPartnerRow & { institution_name: string | null })[]> {
    if (!projectIds.length) return [];
    return db
      .selectFrom('project_partner')
      .leftJoin('institution', 'institution.id', 'project_partner.institution_id')
      .selectAll('project_partner')
      .select('institution.name as institution_name')
      .where('project_partner.project_id', 'in', projectIds)
      .orderBy((eb) => eb.case().when('project_partner.role', '=', 'lead').then(0).when('project_partner.role', '=', 'host').then(1).when('project_partner.role', '=', 'partner').then(2).else(3).end())
      .orderBy('project_partner.created_at')
      .orderBy('project_partner.id')
      .execute();
  },
  async insertPartner(db: Db, row: ProjectPartnerTable): Promise<void> {
    await db.insertInto('project_partner').values(row).execute();
  },
  async deletePartner(db: Db, projectId: string, id: string): Promise<number> {
    const r = await db.deleteFrom('project_partner').where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows);
  },

  async sitesOf(db: Db, projectId: string): Promise<ProjectSiteRow[]> {
    return db.selectFrom('project_site').selectAll().where('project_id', '=', projectId).orderBy('created_at').orderBy('id').execute();
  },
  async insertSite(db: Db, row: ProjectSiteTable): Promise<void> {
    await db.insertInto('project_site').values(row).execute();
  },
  async deleteSite(db: Db, projectId: string, id: string): Promise<number> {
    const r = await db.deleteFrom('project_site').where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows);
  },

  async milestones(db: Db, projectId: string): Promise<ProjectMilestoneRow[]> {
    return db.selectFrom('project_milestone').selectAll().where('project_id', '=', projectId).orderBy('due_date').orderBy('created_at').execute();
  },
  async insertMilestone(db: Db, row: ProjectMilestoneTable): Promise<void> {
    await db.insertInto('project_milestone').values(row).execute();
  },
  async updateMilestone(db: Db, projectId: string, id: string, patch: Partial<Pick<ProjectMilestoneTable, 'done_at' | 'title' | 'due_date'>>): Promise<number> {
    const r = await db.updateTable('project_milestone').set(patch).where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
  async deleteMilestone(db: Db, projectId: string, id: string): Promise<number> {
    const r = await db.deleteFrom('project_milestone').where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows);
  },

  async updates(db: Db, projectId: string, limit: number): Promise<ProjectUpdateRow[]> {
    return db.selectFrom('project_update').selectAll().where('project_id', '=', projectId).orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  },
  async findUpdate(db: Db, projectId: string, id: string): Promise<ProjectUpdateRow | undefined> {
    return db.selectFrom('project_update').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
  },
  async insertUpdate(db: Db, row: ProjectUpdateTable): Promise<void> {
    await db.insertInto('project_update').values(row).execute();
  },
  async deleteUpdate(db: Db, projectId: string, id: string): Promise<number> {
    const r = await db.deleteFrom('project_update').where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows);
  },

  /** Outputs of a project, with the linked record's title document when the actor may see the record. */
  async outputs(db: Db, actor: Actor, projectId: string): Promise<(ProjectOutputRow & { record_metadata: string | null })[]> {
    return db
      .selectFrom('project_output')
      .leftJoin('record', (j) => j.onRef('record.id', '=', 'project_output.record_id').on(visibleTo(actor)))
      .selectAll('project_output')
      .select('record.metadata as record_metadata')
      .where('project_output.project_id', '=', projectId)
      .orderBy('project_output.created_at')
      .orderBy('project_output.id')
      .execute();
  },
  async insertOutput(db: Db, row: ProjectOutputTable): Promise<void> {
    await db.insertInto('project_output').values(row).execute();
  },
  async deleteOutput(db: Db, projectId: string, id: string): Promise<number> {
    const r = await db.deleteFrom('project_output').where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows);
  },
  async findOutput(db: Db, projectId: string, id: string): Promise<ProjectOutputRow | undefined> {
    return db.selectFrom('project_output').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
  },
  async outputFileKey(db: Db, projectId: string, id: string): Promise<string | null> {
    const r = await db.selectFrom('project_output').select('file_key').where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    return r?.file_key ?? null;
  },
  /** Store keys of a project's files (update images, uploaded documents), to delete them with the project. */
  async fileKeys(db: Db, projectId: string): Promise<string[]> {
    const images = await db.selectFrom('project_update').select('image_key as key').where('project_id', '=', projectId).where('image_key', 'is not', null).execute();
    const docs = await db.selectFrom('project_output').select('file_key as key').where('project_id', '=', projectId).where('file_key', 'is not', null).execute();
    return [...images, ...docs].flatMap((r) => (r.key ? [r.key] : []));
  },
  async hasRecordOutput(db: Db, projectId: string, recordId: string): Promise<boolean> {
    return !!(await db.selectFrom('project_output').select('id').where('project_id', '=', projectId).where('record_id', '=', recordId).executeTakeFirst());
  },

  /** The projects visible to the actor that list this record among their outputs. */
  async projectsOfRecord(db: Db, actor: Actor, recordId: string): Promise<(ProjectRow & { relation: string | null })[]> {
    return db
      .selectFrom('project_output')
      .innerJoin('project', 'project.id', 'project_output.project_id')
      .where('project_output.record_id', '=', recordId)
      .where(projectVisibleTo(actor))
      .selectAll('project')
      .select('project_output.relation')
      .orderBy('project.title_sort')
      .limit(100)
      .execute();
  },

  /** Titles of those of these projects the actor may see. */
  async visibleTitles(db: Db, actor: Actor, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await db.selectFrom('project').select(['project.id', 'project.title']).where('project.id', 'in', ids).where(projectVisibleTo(actor)).execute();
    return new Map(rows.map((r) => [r.id, r.title]));
  },

  /** Whether the actor may see this record (the record visibility rule). */
  async recordVisible(db: Db, actor: Actor, recordId: string): Promise<{ id: string; metadata: string } | undefined> {
    return db.selectFrom('record').select(['id', 'metadata']).where('id', '=', recordId).where(visibleTo(actor)).executeTakeFirst();
  },
};

function filtered(db: Db, actor: Actor, f: ProjectFilter) {
  let q = db.selectFrom('project').where(projectVisibleTo(actor));
  if (f.kind) q = q.where('project.kind', '=', f.kind as ProjectTable['kind']);
  if (f.status) q = q.where('project.status', '=', f.status as ProjectTable['status']);
  if (f.institutionId) {
    const inst = f.institutionId;
    q = q.where((eb) => eb.or([eb('project.owner_institution_id', '=', inst), eb.exists(eb.selectFrom('project_partner as ip').select('ip.id').whereRef('ip.project_id', '=', 'project.id').where('ip.institution_id', '=', inst))]));
  }
  if (f.country) {
    const country = f.country;
    q = q.where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('project_partner as cpp').select('cpp.id').whereRef('cpp.project_id', '=', 'project.id').where('cpp.country_code', '=', country)),
        eb.exists(eb.selectFrom('project_site as cps').select('cps.id').whereRef('cps.project_id', '=', 'project.id').where('cps.country_code', '=', country)),
      ]),
    );
  }
  if (f.year !== undefined) {
    const y = f.year;
    q = q.where((eb) => eb.and([eb.or([eb('project.year_from', 'is', null), eb('project.year_from', '<=', y)]), eb.or([eb('project.year_to', 'is', null), eb('project.year_to', '>=', y)])]));
  }
  if (f.analysisMethod) {
    const m = f.analysisMethod;
    q = q.where((eb) => eb.exists(eb.selectFrom('analysis as pa').select('pa.id').whereRef('pa.project_id', '=', 'project.id').where('pa.method', '=', m as never)));
  }
  if (f.q) {
    // LIKE wildcards are dropped rather than escaped: the two dialects escape differently.
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, '')}%`;
    q = q.where((eb) => eb.or([eb(eb.fn('lower', ['project.title']), 'like', like), eb(eb.fn('lower', ['project.summary']), 'like', like)]));
  }
  return q;
}
