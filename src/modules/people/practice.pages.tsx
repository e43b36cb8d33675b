import type { FormOutcome } from '../accounts/sign-in.pages';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { LangText, PageHeading } from '../pages/components';
import { CsrfField, Field, FormNotice, SelectField } from '../pages/forms';
import { languageName } from '../pages/format';
import { firstText } from '../../shared/lang-map';
import type { MessageKey } from '../../shared/i18n/i18n';
import { fieldError, FormError, LangSection, MembersBadge, PeopleNav, TextArea, TextLanguageField, VisibilityField } from './people.components';
import { SECTIONS, type CaseStudy, type CaseStudyLink } from './practice.service';

export interface PracticesPageData {
  q: string;
  items: CaseStudy[];
  institutionNames: Map<string, string>;
  canPublish: boolean;
}

/** Case studies, searched by words in any language. */
export function PracticesPage({ ctx, data }: { ctx: PageContext; data: PracticesPageData }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('people.practices.title')} section="people">
      <div class="wrap">
        <PeopleNav ctx={ctx} current="practices" />
        <PageHeading title={t('people.practices.title')} lead={t('people.practices.lead')} />
        {data.canPublish ? (
          <p>
            <a href="/practices/new">{t('people.practices.new')}</a>
          </p>
        ) : null}
        <form class="search-box" method="get" action="/practices" role="search">
          <label class="search-box-label" for="practices-q">
            {t('people.practices.search')}
          </label>
          <div class="search-box-row">
            <input id="practices-q" type="search" name="q" value={data.q} dir="auto" aria-describedby="practices-q-hint" />
            <button type="submit">{t('search.submit')}</button>
          </div>
          <p class="hint" id="practices-q-hint">
            {t('people.practices.searchHint')}
          </p>
        </form>
        <p role="status">{t('people.practices.count', { count: data.items.length })}</p>
        {data.items.length ? (
          <ul class="people-cards" role="list">
            {data.items.map((c) => (
              <li class="people-card">
                <h2 class="people-card-title">
                  <a href={`/practices/${encodeURIComponent(c.id)}`}>
                    <LangText ctx={ctx} map={c.title} fallback={c.id} />
                  </a>
                </h2>
                <p class="people-card-meta">
                  <span class="meta-item">{data.institutionNames.get(c.institutionId) ?? c.institutionId}</span> <MembersBadge ctx={ctx} visibility={c.visibility} />
                </p>
                <LangText ctx={ctx} map={c.problem} as="p" />
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{t('people.practices.none')}</p>
        )}
      </div>
    </Layout>
  );
}

/** One case study: problem, method, materials, outcome, lessons, and what it is linked to. */
export function PracticePage({ ctx, data }: { ctx: PageContext; data: { caseStudy: CaseStudy; links: CaseStudyLink[]; institutionName: string; notice?: string | null; error?: FormOutcome | null; values?: Record<string, string> } }) {
  const { t } = ctx;
  const cs = data.caseStudy;
  const languages = [...new Set([cs.title, ...SECTIONS.map((s) => cs[s])].flatMap((m) => Object.keys(m)))];
  return (
    <Layout ctx={ctx} title={firstText(cs.title, ctx.lang, cs.id)} section="people">
      <div class="wrap">
        <PeopleNav ctx={ctx} current="practices" />
        <PageHeading title={<LangText ctx={ctx} map={cs.title} fallback={cs.id} />} lead={data.institutionName} />
        {data.notice ? <FormNotice ctx={ctx} kind="success" message={data.notice} /> : null}
        <FormError ctx={ctx} error={data.error} />
        <MembersBadge ctx={ctx} visibility={cs.visibility} />
        {SECTIONS.map((s) => (
          <LangSection ctx={ctx} heading={t(`people.practices.${s}` as MessageKey)} map={cs[s]} />
        ))}
        {data.links.length ? (
          <section class="people-section">
            <h2>{t('people.practices.links')}</h2>
            <ul>
              {data.links.map((l) => (
                <li>
                  <span class="tag">{t(`people.linkKind.${l.kind}` as MessageKey)}</span> <a href={l.href}>{l.title ? <LangText ctx={ctx} map={l.title} fallback={l.id} /> : l.id}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <p class="hint">{t('people.practices.languages', { list: languages.map((l) => languageName(ctx.lang, l)).join(', ') })}</p>
        {cs.manageable ? <TranslationForm ctx={ctx} id={cs.id} values={data.values} error={data.error} /> : null}
      </div>
    </Layout>
  );
}

/** The staff's form that adds or replaces one language of a case study (the other languages stay). */
function TranslationForm({ ctx, id, values, error }: { ctx: PageContext; id: string; values?: Record<string, string>; error?: FormOutcome | null }) {
  const { t } = ctx;
  const v = values ?? {};
  return (
    <form class="form-card people-form" method="post" action={`/practices/${encodeURIComponent(id)}/translation`}>
      <h2>{t('people.practices.translate')}</h2>
      <p class="hint">{t('people.practices.translateHint')}</p>
      <CsrfField token={ctx.csrf} />
      <TextLanguageField ctx={ctx} id="translation-lang" value={v.lang} />
      <Field id="translation-title" name="title" label={t('people.titleField')} value={v.title} error={fieldError(ctx, error?.problems, 'title')} dir="auto" />
      {SECTIONS.map((s) => (
        <TextArea id={`translation-${s}`} name={s} label={t(`people.practices.${s}` as MessageKey)} value={v[s]} rows={3} />
      ))}
      <button type="submit">{t('people.practices.saveTranslation')}</button>
    </form>
  );
}

export interface NewPracticePageData {
  institutions: { id: string; name: string }[];
  values?: Record<string, string>;
  error?: FormOutcome | null;
}

/** The form that publishes a case study in one language (translations through the API). */
export function NewPracticePage({ ctx, data }: { ctx: PageContext; data: NewPracticePageData }) {
  const { t } = ctx;
  const v = data.values ?? {};
  const p = data.error?.problems;
  return (
    <Layout ctx={ctx} title={t('people.practices.new')} section="people">
      <div class="wrap">
        <PeopleNav ctx={ctx} current="practices" />
        <PageHeading title={t('people.practices.new')} />
        <FormError ctx={ctx} error={data.error} />
        <form class="form-card people-form" method="post" action="/practices/new">
          <CsrfField token={ctx.csrf} />
          <SelectField id="practice-institution" name="institutionId" label={t('people.institution')} value={v.institutionId} options={data.institutions.map((i) => ({ value: i.id, label: i.name }))} />
          <TextLanguageField ctx={ctx} id="practice-lang" value={v.lang} />
          <Field id="practice-title" name="title" label={t('people.titleField')} value={v.title} required error={fieldError(ctx, p, 'title')} dir="auto" />
          {SECTIONS.map((s) => (
            <TextArea id={`practice-${s}`} name={s} label={t(`people.practices.${s}` as MessageKey)} value={v[s]} rows={4} error={fieldError(ctx, p, s)} />
          ))}
          <Field id="practice-records" name="records" label={t('people.practices.recordIds')} hint={t('people.practices.recordIdsHint')} value={v.records} error={fieldError(ctx, p, 'links')} />
          <VisibilityField ctx={ctx} id="practice-visibility" value={v.visibility} />
          <button type="submit">{t('people.practices.publish')}</button>
        </form>
      </div>
    </Layout>
  );
}
