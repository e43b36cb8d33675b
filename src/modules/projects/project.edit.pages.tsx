import { countryName } from '../../shared/country';
import { pickLang } from '../../shared/lang-map';
import type { PageContext } from '../pages/context';
import { LangText, PageHeading } from '../pages/components';
import { Layout } from '../pages/layout';
import type { FormError as FormErrorData } from './project.detail.pages';
import { FormError } from './project.detail.pages';
import { EditorForm, EnumSelect, Input, LangInput, LangSelect } from './project.forms';
import type { Project } from './project.service';
import { PARTNER_ROLES, PROJECT_KINDS, PROJECT_STATUSES, PROJECT_VISIBILITIES } from './project.table';

export interface ProjectFormData {
  /** Absent for a new project. */
  project: Project | null;
  /** Institutions the visitor may lead a project for (new projects). */
  institutions: { id: string; name: string }[];
  /** Institutions of the alliance, for adding partners. */
  allInstitutions: { id: string; name: string }[];
  error: FormErrorData | null;
  /** Which part of the edit page was refused. */
  errorPart: 'fields' | 'partner' | 'site' | null;
  notice: string | null;
}

/** `/projects/new` and `/projects/:id/edit`: the project's fields; on edit also its partners and sites. */
export function ProjectFormPage({ ctx, data }: { ctx: PageContext; data: ProjectFormData }) {
  const { t } = ctx;
  const p = data.project;
  const v = data.errorPart === 'fields' || !p ? (data.error?.values ?? {}) : {};
  const title = p ? pickLang(p.title, ctx.lang) : null;
  const summary = p ? pickLang(p.summary, ctx.lang) : null;
  const heading = p ? t('projects.editTitle') : t('projects.new');
  const base = p ? `/projects/${encodeURIComponent(p.id)}` : '/projects';
  return (
    <Layout ctx={ctx} title={heading} section="projects">
      <div class="wrap project-form-page">
        <p class="breadcrumb">
          <a href="/projects">{t('projects.title')}</a>
          {p ? (
            <>
              {' › '}
              <a href={base}>
                <LangText ctx={ctx} map={p.title} fallback={p.id} />
              </a>
            </>
          ) : null}
        </p>
        <PageHeading title={heading} />
        {data.notice ? (
          <div class="notice notice-success" role="status">
            <p>{data.notice}</p>
          </div>
        ) : null}
        {data.errorPart === 'fields' || !p ? <FormError ctx={ctx} error={data.error} /> : null}
        <form method="post" action={base} class="project-form">
          <input type="hidden" name="_csrf" value={ctx.csrf ?? ''} />
          {!p ? (
            <div class="field">
              <label for="pr-owner">{t('projects.field.owner')}</label>
              <select id="pr-owner" name="ownerInstitutionId">
                {data.institutions.map((i) => (
                  <option value={i.id} selected={i.id === v.ownerInstitutionId}>
                    {i.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <LangInput ctx={ctx} id="pr-title" name="title" label={t('projects.field.title')} value={v.title ?? title?.values[0]} required />
          <LangInput ctx={ctx} id="pr-summary" name="summary" label={t('projects.field.summary')} value={v.summary ?? summary?.values.join('\n\n')} multiline />
          <LangSelect ctx={ctx} id="pr-lang" value={v.lang ?? (title?.lang && title.lang !== 'none' ? title.lang : undefined)} />
          <EnumSelect ctx={ctx} id="pr-kind" name="kind" label={t('projects.field.kind')} values={PROJECT_KINDS} prefix="projects.kind" value={v.kind ?? p?.kind} />
          <EnumSelect ctx={ctx} id="pr-status" name="status" label={t('projects.field.status')} values={PROJECT_STATUSES} prefix="projects.status" value={v.status ?? p?.status ?? 'planned'} />
          {!p || p.canManage ? <EnumSelect ctx={ctx} id="pr-visibility" name="visibility" label={t('projects.field.visibility')} values={PROJECT_VISIBILITIES} prefix="projects.visibility" value={v.visibility ?? p?.visibility ?? 'public'} /> : null}
          <Input id="pr-start" name="startDate" label={t('projects.field.startDate')} value={v.startDate ?? p?.startDate ?? ''} hint={t('projects.hint.edtf')} dir="ltr" maxlength={64} />
          <Input id="pr-end" name="endDate" label={t('projects.field.endDate')} value={v.endDate ?? p?.endDate ?? ''} dir="ltr" maxlength={64} />
          <button type="submit">{p ? t('projects.save') : t('projects.create')}</button>
        </form>
        {p ? <PartnersAndSites ctx={ctx} p={p} data={data} /> : null}
      </div>
    </Layout>
  );
}

function PartnersAndSites({ ctx, p, data }: { ctx: PageContext; p: Project; data: ProjectFormData }) {
  const { t } = ctx;
  const base = `/projects/${encodeURIComponent(p.id)}`;
  const pv = data.errorPart === 'partner' ? (data.error?.values ?? {}) : {};
  const sv = data.errorPart === 'site' ? (data.error?.values ?? {}) : {};
  return (
    <>
      <section aria-labelledby="edit-partners-title">
        <h2 id="edit-partners-title">{t('projects.partners')}</h2>
        <ul class="partner-list" role="list">
          {p.partners.map((x) => (
            <li>
              {x.institutionId ? <LangText ctx={ctx} map={x.institutionName} fallback={x.institutionId} /> : <span dir="auto">{x.name}</span>} <span class="tag">{t(`projects.role.${x.role}` as never)}</span>{' '}
              <span class="sub">{countryName(x.countryCode, ctx.lang)}</span>
              {p.canManage && !(x.role === 'lead' && x.institutionId === p.ownerInstitutionId) ? (
                <form method="post" action={`${base}/partners/${encodeURIComponent(x.id)}/delete`} class="inline-form">
                  <input type="hidden" name="_csrf" value={ctx.csrf ?? ''} />
                  <button type="submit" class="link-button">
                    {t('projects.remove')}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
        {p.canManage ? (
          <EditorForm ctx={ctx} id="partner-form" summary={t('projects.partner.add')} action={`${base}/partners`} error={data.errorPart === 'partner' ? data.error : null}>
            <div class="field">
              <label for="pa-inst">{t('projects.field.partnerInstitution')}</label>
              <select id="pa-inst" name="institutionId">
                <option value="">{t('projects.partner.notMember')}</option>
                {data.allInstitutions.map((i) => (
                  <option value={i.id} selected={i.id === pv.institutionId}>
                    {i.name}
                  </option>
                ))}
              </select>
            </div>
            <Input id="pa-name" name="name" label={t('projects.field.partnerName')} value={pv.name} hint={t('projects.hint.partnerName')} dir="auto" maxlength={200} />
            <Input id="pa-country" name="countryCode" label={t('projects.field.countryCode')} value={pv.countryCode} hint={t('projects.hint.countryCode')} dir="ltr" maxlength={2} />
            <EnumSelect ctx={ctx} id="pa-role" name="role" label={t('projects.field.role')} values={PARTNER_ROLES.filter((r) => r !== 'lead')} prefix="projects.role" value={pv.role ?? 'partner'} />
            <button type="submit">{t('projects.partner.add')}</button>
          </EditorForm>
        ) : null}
      </section>
      <section aria-labelledby="edit-sites-title">
        <h2 id="edit-sites-title">{t('projects.sites')}</h2>
        {p.sites.length ? (
          <ul class="site-list" role="list">
            {p.sites.map((s) => (
              <li>
                <span dir="auto">{s.name}</span> <span class="sub">{countryName(s.countryCode, ctx.lang)}</span>
                <form method="post" action={`${base}/sites/${encodeURIComponent(s.id)}/delete`} class="inline-form">
                  <input type="hidden" name="_csrf" value={ctx.csrf ?? ''} />
                  <button type="submit" class="link-button">
                    {t('projects.remove')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        ) : null}
        <EditorForm ctx={ctx} id="site-form" summary={t('projects.site.add')} action={`${base}/sites`} error={data.errorPart === 'site' ? data.error : null}>
          <Input id="si-name" name="name" label={t('projects.field.siteName')} value={sv.name} required dir="auto" maxlength={200} />
          <Input id="si-country" name="countryCode" label={t('projects.field.countryCode')} value={sv.countryCode} hint={t('projects.hint.countryCode')} required dir="ltr" maxlength={2} />
          <Input id="si-lat" name="lat" label={t('projects.field.lat')} value={sv.lat} type="number" step="any" dir="ltr" />
          <Input id="si-lon" name="lon" label={t('projects.field.lon')} value={sv.lon} type="number" step="any" dir="ltr" />
          <button type="submit">{t('projects.site.add')}</button>
        </EditorForm>
      </section>
    </>
  );
}
