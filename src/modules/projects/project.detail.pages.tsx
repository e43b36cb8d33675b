import { countryName } from '../../shared/country';
import { pickLang } from '../../shared/lang-map';
import type { FormOutcome } from '../accounts/sign-in.pages';
import type { PageContext } from '../pages/context';
import { InLang, LangText } from '../pages/components';
import { dateLabel } from '../pages/format';
import { FormNotice } from '../pages/forms';
import { Layout } from '../pages/layout';
import { WorldMap } from '../pages/world-map';
import type { Analysis } from './analysis.service';
import { AnalysisItem } from './analysis.view';
import type { Need } from './need.service';
import { NeedCard } from './need.pages';
import type { Milestone, ProjectOutput, ProjectUpdate } from './project.content';
import { AnalysisForm, MilestoneForm, NeedForm, OutputForm, UpdateForm } from './project.forms';
import { DeleteLink, DocumentForm, fileSizeLabel } from './project.manage.pages';
import { edtfLabel } from './project.format';
import type { Project } from './project.service';

/** Which form on the project page a refusal concerns, with the values to show again. */
export interface FormError {
  form: 'milestone' | 'update' | 'output' | 'document' | 'need' | 'analysis';
  outcome: FormOutcome;
  values: Record<string, string>;
}

export interface ProjectPageData {
  project: Project;
  milestones: Milestone[];
  updates: ProjectUpdate[];
  outputs: ProjectOutput[];
  needs: Need[];
  analyses: Analysis[];
  notice: string | null;
  error: FormError | null;
}

/** `/projects/:id`: a project with its partners, sites, milestones, outputs, news, needs and analyses; forms for its partners' staff. */
export function ProjectPage({ ctx, data }: { ctx: PageContext; data: ProjectPageData }) {
  const { t } = ctx;
  const p = data.project;
  const title = pickLang(p.title, ctx.lang);
  const summary = pickLang(p.summary, ctx.lang);
  const pins = p.sites.flatMap((s) => (s.lat !== null && s.lon !== null ? [{ lat: s.lat, lon: s.lon, label: s.name }] : []));
  const err = (form: FormError['form']) => (data.error?.form === form ? data.error : null);
  const records = data.outputs.filter((o) => o.kind === 'record');
  const others = data.outputs.filter((o) => o.kind !== 'record');
  return (
    <Layout ctx={ctx} title={title?.values[0] ?? p.id} section="projects">
      <article class="wrap project" aria-labelledby="project-title">
        <header class="project-header">
          <p class="breadcrumb">
            <a href="/projects">{t('projects.title')}</a>
          </p>
          <h1 id="project-title">
            <InLang ctx={ctx} lang={title?.lang}>
              {title?.values[0] ?? p.id}
            </InLang>
          </h1>
          <p class="project-card-meta">
            <span class="tag">{t(`projects.kind.${p.kind}` as never)}</span>
            <span class={`status status-${p.status}`}>{t(`projects.status.${p.status}` as never)}</span>
            {p.startDate || p.endDate ? <span class="meta-item">{t('projects.dates', { from: p.startDate ? edtfLabel(ctx.lang, p.startDate) : '…', to: p.endDate ? edtfLabel(ctx.lang, p.endDate) : '…' })}</span> : null}
            {p.visibility !== 'public' ? <span class="meta-item">{t(`projects.visibility.${p.visibility}` as never)}</span> : null}
          </p>
          {p.canEdit ? (
            <p class="record-edit-links">
              <a href={`/projects/${encodeURIComponent(p.id)}/edit`}>{t('projects.edit')}</a>
              {p.canManage ? (
                <>
                  {' '}
                  <DeleteLink href={`/projects/${encodeURIComponent(p.id)}/delete`} label={t('projects.delete.projectLink')} />
                </>
              ) : null}
            </p>
          ) : null}
          {data.notice ? (
            <div class="notice notice-success" role="status">
              <p>{data.notice}</p>
            </div>
          ) : null}
        </header>
        {summary ? (
          <section class="project-summary" aria-label={t('projects.field.summary')}>
            {summary.values.map((v) => (
              <p {...(summary.lang !== ctx.lang ? { lang: summary.lang } : {})} dir="auto">
                {v}
              </p>
            ))}
          </section>
        ) : null}
        <div class="project-layout">
          <div class="project-main">
            <section aria-labelledby="milestones-title">
              <h2 id="milestones-title">{t('projects.milestones')}</h2>
              {data.milestones.length ? (
                <ol class="milestone-list">
                  {data.milestones.map((m) => (
                    <li class={m.doneAt ? 'milestone milestone-done' : 'milestone'}>
                      <LangText ctx={ctx} map={m.title} />
                      {m.dueDate ? <span class="meta-item">{edtfLabel(ctx.lang, m.dueDate)}</span> : null}
                      <span class="meta-item">{m.doneAt ? t('projects.milestone.done', { date: dateLabel(ctx.lang, m.doneAt) }) : t('projects.milestone.open')}</span>
                      {p.canEdit ? (
                        <form method="post" action={`/projects/${encodeURIComponent(p.id)}/milestones/${encodeURIComponent(m.id)}/done`} class="inline-form">
                          <input type="hidden" name="_csrf" value={ctx.csrf ?? ''} />
                          <input type="hidden" name="done" value={m.doneAt ? 'false' : 'true'} />
                          <button type="submit" class="link-button">{m.doneAt ? t('projects.milestone.reopen') : t('projects.milestone.markDone')}</button>
                        </form>
                      ) : null}
                      {p.canEdit ? <DeleteLink href={`/projects/${encodeURIComponent(p.id)}/milestones/${encodeURIComponent(m.id)}/delete`} label={t('projects.remove')} /> : null}
                    </li>
                  ))}
                </ol>
              ) : (
                <p class="empty">{t('projects.milestones.none')}</p>
              )}
              {p.canEdit ? <MilestoneForm ctx={ctx} projectId={p.id} error={err('milestone')} /> : null}
            </section>

            <section aria-labelledby="outputs-title">
              <h2 id="outputs-title">{t('projects.outputs')}</h2>
              {records.length ? (
                <>
                  <h3>{t('projects.outputs.records')}</h3>
                  <ul class="output-list" role="list">
                    {records.map((o) => (
                      <li>
                        <a href={`/records/${encodeURIComponent(o.recordId!)}`}>
                          <LangText ctx={ctx} map={o.recordTitle} fallback={o.recordId!} />
                        </a>
                        {o.relation ? <span class="meta-item">{t(`projects.relation.${o.relation}` as never)}</span> : null}
                        {p.canEdit ? <RemoveOutput ctx={ctx} projectId={p.id} outputId={o.id} /> : null}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {others.length ? (
                <>
                  <h3>{t('projects.outputs.other')}</h3>
                  <ul class="output-list" role="list">
                    {others.map((o) => (
                      <li>
                        <span class="tag">{t(`projects.output.${o.kind}` as never)}</span>{' '}
                        {o.file ? (
                          <>
                            <a href={o.file.href} dir="auto" download>
                              {o.title}
                            </a>{' '}
                            <span class="meta-item">{t('projects.document.size', { type: o.file.mime === 'application/pdf' ? 'PDF' : o.file.mime.replace('image/', '').toUpperCase(), size: fileSizeLabel(ctx.lang, o.file.size) })}</span>
                          </>
                        ) : o.url ? (
                          <a href={o.url} rel="noopener noreferrer" dir="auto">
                            {o.title || o.url}
                          </a>
                        ) : (
                          <span dir="auto">{o.title}</span>
                        )}
                        {o.visibility === 'members' ? <span class="meta-item">{t('projects.visibility.members')}</span> : null}
                        {p.canEdit ? <RemoveOutput ctx={ctx} projectId={p.id} outputId={o.id} /> : null}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {!data.outputs.length ? <p class="empty">{t('projects.outputs.none')}</p> : null}
              {p.canEdit ? <OutputForm ctx={ctx} projectId={p.id} error={err('output')} /> : null}
              {p.canEdit ? <DocumentForm ctx={ctx} projectId={p.id} error={err('document')} /> : null}
            </section>

            <section aria-labelledby="updates-title">
              <h2 id="updates-title">{t('projects.updates')}</h2>
              {p.canEdit ? <UpdateForm ctx={ctx} projectId={p.id} error={err('update')} /> : null}
              {data.updates.length ? (
                <ol class="update-feed" role="list">
                  {data.updates.map((u) => {
                    const ut = pickLang(u.title, ctx.lang);
                    const ub = pickLang(u.body, ctx.lang);
                    return (
                      <li class="update">
                        <article aria-labelledby={`u-${u.id}`}>
                          <h3 id={`u-${u.id}`}>
                            <InLang ctx={ctx} lang={ut?.lang}>
                              {ut?.values[0] ?? ''}
                            </InLang>
                          </h3>
                          <p class="meta-item">
                            <time datetime={u.publishedAt}>{dateLabel(ctx.lang, u.publishedAt)}</time>
                          </p>
                          {u.image ? <img class="update-image" src={u.image} alt={u.imageAlt ?? ''} loading="lazy" /> : null}
                          {(ub?.values ?? []).map((v) => (
                            <p {...(ub && ub.lang !== ctx.lang ? { lang: ub.lang } : {})} dir="auto">
                              {v}
                            </p>
                          ))}
                          {p.canEdit ? (
                            <p>
                              <DeleteLink href={`/projects/${encodeURIComponent(p.id)}/updates/${encodeURIComponent(u.id)}/delete`} label={t('projects.remove')} />
                            </p>
                          ) : null}
                        </article>
                      </li>
                    );
                  })}
                </ol>
              ) : (
                <p class="empty">{t('projects.updates.none')}</p>
              )}
            </section>

            <section aria-labelledby="analyses-title">
              <h2 id="analyses-title">{t('projects.record.analyses')}</h2>
              {data.analyses.length ? (
                <ul class="analysis-list" role="list">
                  {data.analyses.map((a) => (
                    <AnalysisItem ctx={ctx} a={a} showRecord={true} showProject={false} />
                  ))}
                </ul>
              ) : (
                <p class="empty">{t('projects.analyses.none')}</p>
              )}
              {p.canEdit ? <AnalysisForm ctx={ctx} projectId={p.id} error={err('analysis')} /> : null}
            </section>
          </div>

          <aside class="project-side">
            <section aria-labelledby="partners-title">
              <h2 id="partners-title">{t('projects.partners')}</h2>
              <ul class="partner-list" role="list">
                {p.partners.map((x) => (
                  <li>
                    {x.institutionId ? (
                      <a href={`/institutions/${encodeURIComponent(x.institutionId)}`}>
                        <LangText ctx={ctx} map={x.institutionName} fallback={x.institutionId} />
                      </a>
                    ) : (
                      <span dir="auto">{x.name}</span>
                    )}{' '}
                    <span class="tag">{t(`projects.role.${x.role}` as never)}</span>
                    <span class="sub">{countryName(x.countryCode, ctx.lang)}</span>
                  </li>
                ))}
              </ul>
            </section>
            {p.sites.length ? (
              <section aria-labelledby="sites-title">
                <h2 id="sites-title">{t('projects.sites')}</h2>
                {pins.length ? <WorldMap id="project-map" label={t('projects.sitesMapLabel')} note={t('map.note')} pins={pins} /> : null}
                <ul class="site-list" role="list">
                  {p.sites.map((s) => (
                    <li>
                      <span dir="auto">{s.name}</span> <span class="sub">{countryName(s.countryCode, ctx.lang)}</span>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            <section aria-labelledby="needs-title">
              <h2 id="needs-title">{t('needs.title')}</h2>
              {data.needs.length ? (
                <ul class="need-list" role="list">
                  {data.needs.map((n) => (
                    <NeedCard ctx={ctx} need={n} showProject={false} />
                  ))}
                </ul>
              ) : (
                <p class="empty">{t('needs.none')}</p>
              )}
              {p.canEdit ? <NeedForm ctx={ctx} action={`/projects/${encodeURIComponent(p.id)}/needs`} error={err('need')} /> : null}
            </section>
          </aside>
        </div>
      </article>
    </Layout>
  );
}

/** The notice of a refused form, above the form it concerns. */
export function FormError({ ctx, error }: { ctx: PageContext; error: FormError | null }) {
  return error ? <FormNotice ctx={ctx} kind="error" message={error.outcome.message} detail={error.outcome.detail} problems={error.outcome.problems} /> : null;
}

/** The button that removes an output from its project (the record itself stays). */
function RemoveOutput({ ctx, projectId, outputId }: { ctx: PageContext; projectId: string; outputId: string }) {
  return (
    <form method="post" action={`/projects/${encodeURIComponent(projectId)}/outputs/${encodeURIComponent(outputId)}/delete`} class="inline-form">
      <input type="hidden" name="_csrf" value={ctx.csrf ?? ''} />
      <button type="submit" class="link-button">
        {ctx.t('projects.remove')}
      </button>
    </form>
  );
}
