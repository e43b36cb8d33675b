import type { Db } from '../../db/database';
import type { Actor } from '../accounts/actor';
import { projectRepository } from './project.repository';
import { PROJECT_KINDS } from './project.table';

/** One line of the alliance's figures: projects of a kind and the distinct countries of their partners. */
export interface ProjectFigure {
  kind: string;
  projects: number;
  countries: number;
}

/**
 * The alliance's project figures per kind, e.g. "11 restoration projects with 6 countries": the
 * projects visible to the actor (active during `year` when given: a project with no dates counts as
 * active, one with a start and no end as still running) and the distinct countries of their partners.
 * Kinds without projects are left out; the order is that of PROJECT_KINDS.
 */
export async function projectFigures(db: Db, actor: Actor, opts: { year?: number } = {}): Promise<ProjectFigure[]> {
  const year = opts.year !== undefined && Number.isInteger(opts.year) ? opts.year : undefined;
  const rows = await projectRepository.figures(db, actor, year);
  const order = (k: string) => {
    const i = (PROJECT_KINDS as readonly string[]).indexOf(k);
    return i < 0 ? PROJECT_KINDS.length : i;
  };
  return rows.filter((r) => r.projects > 0).sort((a, b) => order(a.kind) - order(b.kind) || a.kind.localeCompare(b.kind));
}
