import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database';
import { ID_REGEX } from '../../shared/ids';
import type { PageContext } from '../pages/context';
import { LangText } from '../pages/components';
import { searchAnalyses, type Analysis } from './analysis.service';
import { projectsOfRecord } from './project.content';
import { AnalysisItem } from './analysis.view';

type RecordProjects = Awaited<ReturnType<typeof projectsOfRecord>>;
const state = new AsyncLocalStorage<{ recordId: string | null; projects: RecordProjects; analyses: Analysis[] }>();
const RECORD_PAGE = /^\/records\/([^/?#]+)\/?(?:\?|$)/;

/**
 * Loads, for a record page, the projects that worked on the record and its analyses that the
 * visitor may see, so the page's sections render without the page's own loader knowing of them.
 * Installed on the root instance (the record page is another module's route).
 */
export function installRecordSections(app: FastifyInstance, db: Db): void {
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.method !== 'GET' || !RECORD_PAGE.test(request.url)) return done();
    state.run({ recordId: null, projects: [], analyses: [] }, done);
  });
  app.addHook('preHandler', async (request) => {
    const s = state.getStore();
    const id = s && RECORD_PAGE.exec(request.url)?.[1];
    if (!s || !id || !ID_REGEX.test(id)) return;
    const [projects, analyses] = await Promise.all([projectsOfRecord(db, request.actor, id), searchAnalyses(db, request.actor, { recordId: id, limit: 50 })]);
    Object.assign(s, { recordId: id, projects, analyses: analyses.items });
  });
}

/** The record page's "Projects" and "Scientific analyses" sections (nothing when there are none the visitor may see). */
export function RecordProjectSections({ ctx, recordId }: { ctx: PageContext; recordId: string }) {
  const s = state.getStore();
  if (!s || s.recordId !== recordId || (!s.projects.length && !s.analyses.length)) return null;
  const { t } = ctx;
  return (
    <>
      {s.projects.length ? (
        <section class="record-projects" aria-labelledby="record-projects-title">
          <h2 id="record-projects-title">{t('projects.record.projects')}</h2>
          <ul class="record-projects-list" role="list">
            {s.projects.map((p) => (
              <li>
                <a href={`/projects/${encodeURIComponent(p.id)}`}>
                  <LangText ctx={ctx} map={p.title} fallback={p.id} />
                </a>{' '}
                <span class="tag">{t(`projects.kind.${p.kind}` as never)}</span>
                {p.relation ? <span class="meta-item">{t(`projects.relation.${p.relation}` as never)}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {s.analyses.length ? (
        <section class="record-analyses" aria-labelledby="record-analyses-title">
          <h2 id="record-analyses-title">{t('projects.record.analyses')}</h2>
          <ul class="analysis-list" role="list">
            {s.analyses.map((a) => (
              <AnalysisItem ctx={ctx} a={a} showRecord={false} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
