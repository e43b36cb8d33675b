import type { FormOutcome } from '../accounts/sign-in.pages';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { CsrfField, Field, FormNotice, SelectField } from '../pages/forms';
import { languageName } from '../pages/format';
import type { Expert, ExpertFilter } from './expert.service';
import { fieldError, FormError, PeopleNav, TextArea } from './people.components';
import { AVAILABILITIES, SKILLS } from './skills';
import type { MessageKey } from '../../shared/i18n/i18n';

export interface ExpertsPageData {
  experts: Expert[];
  filter: ExpertFilter;
  institutionNames: Map<string, string>;
  hasEntry: boolean;
}

/** The members' directory of experts, filtered by skill, language and availability. */
export function ExpertsPage({ ctx, data }: { ctx: PageContext; data: ExpertsPageData }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('people.experts.title')} section="people">
      <div class="wrap">
        <PeopleNav ctx={ctx} current="experts" />
        <PageHeading title={t('people.experts.title')} lead={t('people.experts.lead')} />
        <p>
          <a href="/experts/me">{data.hasEntry ? t('people.experts.editMine') : t('people.experts.addMine')}</a>
        </p>
        <form class="people-filter" method="get" action="/experts" role="search" aria-label={t('people.experts.filter')}>
          <SelectField id="experts-skill" name="skill" label={t('people.experts.skill')} value={data.filter.skill ?? ''} options={[{ value: '', label: t('people.any') }, ...SKILLS.map((s) => ({ value: s, label: skillLabel(ctx, s) }))]} />
          <Field id="experts-language" name="language" label={t('people.experts.language')} value={data.filter.language ?? ''} hint={t('people.experts.languageHint')} />
          <SelectField id="experts-availability" name="availability" label={t('people.experts.availability')} value={data.filter.availability ?? ''} options={[{ value: '', label: t('people.any') }, ...AVAILABILITIES.map((a) => ({ value: a, label: t(`people.availability.${a}` as MessageKey) }))]} />
          <button type="submit">{t('people.filterSubmit')}</button>
        </form>
        <p role="status">{t('people.experts.count', { count: data.experts.length })}</p>
        {data.experts.length ? (
          <ul class="people-cards" role="list">
            {data.experts.map((e) => (
              <li class="people-card">
                <h2 class="people-card-title" dir="auto">
                  {e.name}
                </h2>
                <p class="people-card-meta">
                  <span class={`tag availability-${e.availability}`}>{t(`people.availability.${e.availability}` as MessageKey)}</span>
                  {e.institutionId ? <span class="meta-item">{data.institutionNames.get(e.institutionId) ?? e.institutionId}</span> : null}
                  {e.languages.length ? <span class="meta-item">{e.languages.map((l) => languageName(ctx.lang, l)).join(', ')}</span> : null}
                </p>
                {e.skills.length ? (
                  <ul class="skill-list" aria-label={t('people.experts.skills')}>
                    {e.skills.map((s) => (
                      <li>{skillLabel(ctx, s)}</li>
                    ))}
                  </ul>
                ) : null}
                {e.bio ? <p dir="auto">{e.bio}</p> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{t('people.experts.none')}</p>
        )}
      </div>
    </Layout>
  );
}

export interface MyEntryPageData {
  entry: Partial<Expert> | null;
  institutions: { id: string; name: string }[];
  notice?: string | null;
  error?: FormOutcome | null;
}

/** The signed-in member's own entry: what they offer, and their consent to be listed. */
export function MyEntryPage({ ctx, data }: { ctx: PageContext; data: MyEntryPageData }) {
  const { t } = ctx;
  const e = data.entry ?? {};
  const problems = data.error?.problems;
  return (
    <Layout ctx={ctx} title={t('people.experts.mineTitle')} section="people">
      <div class="wrap">
        <PeopleNav ctx={ctx} current="experts" />
        <PageHeading title={t('people.experts.mineTitle')} lead={t('people.experts.mineLead')} />
        {data.notice ? <FormNotice ctx={ctx} kind="success" message={data.notice} /> : null}
        <FormError ctx={ctx} error={data.error} />
        <form class="form-card people-form" method="post" action="/experts/me">
          <CsrfField token={ctx.csrf} />
          <Field id="expert-name" name="name" label={t('people.experts.name')} value={e.name ?? ''} required error={fieldError(ctx, problems, 'name')} dir="auto" />
          <TextArea id="expert-bio" name="bio" label={t('people.experts.bio')} value={e.bio} error={fieldError(ctx, problems, 'bio')} />
          <fieldset class="checkbox-group">
            <legend>{t('people.experts.skills')}</legend>
            {SKILLS.map((s) => (
              <p class="checkbox-row">
                <input type="checkbox" id={`skill-${s}`} name="skills" value={s} checked={e.skills?.includes(s)} />
                <label for={`skill-${s}`}>{skillLabel(ctx, s)}</label>
              </p>
            ))}
          </fieldset>
          <Field id="expert-languages" name="languages" label={t('people.experts.languages')} value={(e.languages ?? []).join(', ')} hint={t('people.experts.languagesHint')} error={fieldError(ctx, problems, 'languages')} />
          <SelectField id="expert-availability" name="availability" label={t('people.experts.availability')} value={e.availability ?? 'available'} options={AVAILABILITIES.map((a) => ({ value: a, label: t(`people.availability.${a}` as MessageKey) }))} />
          {data.institutions.length ? (
            <SelectField id="expert-institution" name="institutionId" label={t('people.institution')} value={e.institutionId ?? ''} options={[{ value: '', label: t('people.none') }, ...data.institutions.map((i) => ({ value: i.id, label: i.name }))]} />
          ) : null}
          <p class="checkbox-row">
            <input type="checkbox" id="expert-listed" name="listed" value="on" checked={!!e.listed} aria-describedby="expert-listed-hint" />
            <label for="expert-listed">{t('people.experts.consent')}</label>
          </p>
          <p class="hint" id="expert-listed-hint">
            {t('people.experts.consentHint')}
          </p>
          <button type="submit">{t('people.experts.save')}</button>
        </form>
        {data.entry?.id ? (
          <form method="post" action="/experts/me/delete" class="inline-form">
            <CsrfField token={ctx.csrf} />
            <button type="submit" class="button-secondary">
              {t('people.experts.delete')}
            </button>
          </form>
        ) : null}
      </div>
    </Layout>
  );
}

/** A skill's label in the UI language. */
export function skillLabel(ctx: PageContext, skill: string): string {
  return (SKILLS as readonly string[]).includes(skill) ? ctx.t(`people.skill.${skill}` as MessageKey) : skill;
}
