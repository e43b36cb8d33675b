import type { FieldProblem } from '../../shared/errors';
import type { MessageKey } from '../../shared/i18n/i18n';
import { pickLang } from '../../shared/lang-map';
import type { FormOutcome } from '../accounts/sign-in.pages';
import type { Media } from '../media/media.schema';
import type { PageContext } from '../pages/context';
import { PageHeading } from '../pages/components';
import { dateLabel } from '../pages/format';
import { FormNotice } from '../pages/forms';
import { islandUrl } from '../pages/island-assets';
import { Layout } from '../pages/layout';
import { DAMAGE_TYPES, EXTENTS, SEVERITIES, STABILITIES } from './assessment';
import type { Assessment } from './assessment.service';
import type { Incident } from './incident.service';
import { PHOTOS_PER_SUBMISSION } from './risk.photos';

const label = (ctx: PageContext, group: string, value: string) => ctx.t(`assess.${group}.${value}` as MessageKey);

/** One assessment as a card: the site, the findings, the photos with their captions. */
export function AssessmentCard({ ctx, assessment: a, siteTitle, editHref }: { ctx: PageContext; assessment: Assessment; siteTitle: string; editHref?: string | null }) {
  const { t, lang } = ctx;
  return (
    <article class={`risk-assessment${a.status === 'draft' ? ' risk-assessment-draft' : ''}`}>
      <h3 dir="auto">{siteTitle}</h3>
      <p class="hint">
        {a.status === 'draft' ? t('assess.draft') : t('assess.submittedBy', { assessor: a.assessor ?? '' })}
        {a.assessedOn ? (
          <>
            {' '}
            · <time datetime={a.assessedOn}>{dateLabel(lang, a.assessedOn)}</time>
          </>
        ) : null}
        {editHref ? (
          <>
            {' '}
            · <a href={editHref}>{t('assess.continue')}</a>
          </>
        ) : null}
      </p>
      <dl class="risk-entry">
        {a.damageTypes.length ? (
          <>
            <dt>{t('assess.field.damageTypes')}</dt>
            <dd>{a.damageTypes.map((d) => label(ctx, 'damage', d)).join(', ')}</dd>
          </>
        ) : null}
        {a.extent ? (
          <>
            <dt>{t('assess.field.extent')}</dt>
            <dd>{label(ctx, 'extent', a.extent)}</dd>
          </>
        ) : null}
        {a.severity ? (
          <>
            <dt>{t('assess.field.severity')}</dt>
            <dd>{label(ctx, 'severity', a.severity)}</dd>
          </>
        ) : null}
        {a.stability ? (
          <>
            <dt>{t('assess.field.stability')}</dt>
            <dd>{label(ctx, 'stability', a.stability)}</dd>
          </>
        ) : null}
        {a.urgentActions ? (
          <>
            <dt>{t('assess.field.urgentActions')}</dt>
            <dd dir="auto">{a.urgentActions}</dd>
          </>
        ) : null}
      </dl>
      {a.photos.length ? (
        <ul class="risk-photos">
          {a.photos.map((p) => (
            <li>
              <figure>
                <img src={p.url} width={p.width} height={p.height} alt={p.caption ?? t('assess.photo')} loading="lazy" />
                {p.caption ? <figcaption dir="auto">{p.caption}</figcaption> : null}
              </figure>
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

export interface AssessFormData {
  incident: Incident;
  /** The draft being continued, if any. */
  draft: Assessment | null;
  siteId: string | null;
  /** The record's own images, from before the incident. */
  before: Media[];
  values: Record<string, string | string[]>;
  error?: FormOutcome | null;
  notice?: string | null;
}

/** `/risk/incidents/:id/assess`: the rapid assessment form, one column for a phone, working without JavaScript. */
export function AssessPage({ ctx, data }: { ctx: PageContext; data: AssessFormData }) {
  const { t, lang } = ctx;
  const { incident, draft, values: v } = data;
  const path = `/risk/incidents/${encodeURIComponent(incident.id)}`;
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : '');
  const types = Array.isArray(v.damageTypes) ? v.damageTypes : v.damageTypes ? [v.damageTypes as string] : [];
  const problem = (field: string) => data.error?.problems?.find((p: FieldProblem) => p.field === field)?.message ?? null;
  const radios = (group: 'extent' | 'severity' | 'stability', values: readonly string[]) => (
    <fieldset class={`risk-choices${problem(`/${group}`) ? ' field-invalid' : ''}`}>
      <legend>{t(`assess.field.${group}` as MessageKey)}</legend>
      {values.map((x) => (
        <label class="risk-choice">
          <input type="radio" name={group} value={x} checked={str(group) === x} /> {label(ctx, group, x)}
        </label>
      ))}
      {problem(`/${group}`) ? <p class="field-error">{problem(`/${group}`)}</p> : null}
    </fieldset>
  );
  const storageKey = `risk-assessment:${incident.id}:${draft?.id ?? data.siteId ?? 'new'}`;
  return (
    <Layout ctx={ctx} title={t('assess.new')} section="risk" head={<script src={islandUrl('assessment-draft')} defer></script>}>
      <div class="wrap risk-assess">
        <p class="risk-back">
          <a href={path}>{incident.title}</a>
        </p>
        <PageHeading title={t('assess.new')} lead={t('assess.lead')} />
        {data.notice ? <FormNotice ctx={ctx} kind="success" message={data.notice} /> : null}
        {data.error ? <FormNotice ctx={ctx} kind="error" message={data.error.message} detail={data.error.detail} problems={data.error.problems} /> : null}
        <p class="risk-offline" data-offline-note hidden>
          {t('assess.offline')}
        </p>
        <form method="post" action={`${path}/assess?_csrf=${encodeURIComponent(ctx.csrf ?? '')}`} enctype="multipart/form-data" class="risk-form" data-draft-key={storageKey}>
          {draft ? <input type="hidden" name="draftId" value={draft.id} /> : null}
          <div class={`field${problem('/recordId') ? ' field-invalid' : ''}`}>
            <label for="assess-site">{t('assess.field.site')}</label>
            <select id="assess-site" name="recordId" required>
              {incident.sites.map((s) => (
                <option value={s.recordId} selected={s.recordId === (str('recordId') || data.siteId)}>
                  {pickLang(s.title, lang)?.values[0] ?? s.recordId}
                </option>
              ))}
            </select>
            {problem('/recordId') ? <p class="field-error">{problem('/recordId')}</p> : null}
          </div>
          <fieldset class={`risk-choices${problem('/damageTypes') ? ' field-invalid' : ''}`}>
            <legend>{t('assess.field.damageTypes')}</legend>
            {DAMAGE_TYPES.map((d) => (
              <label class="risk-choice">
                <input type="checkbox" name="damageTypes" value={d} checked={types.includes(d)} /> {label(ctx, 'damage', d)}
              </label>
            ))}
            {problem('/damageTypes') ? <p class="field-error">{problem('/damageTypes')}</p> : null}
          </fieldset>
          {radios('extent', EXTENTS)}
          {radios('severity', SEVERITIES)}
          {radios('stability', STABILITIES)}
          <div class="field">
            <label for="assess-actions">{t('assess.field.urgentActions')}</label>
            <textarea id="assess-actions" name="urgentActions" rows={3} dir="auto">
              {str('urgentActions')}
            </textarea>
          </div>
          <div class="field">
            <label for="assess-notes">{t('assess.field.notes')}</label>
            <textarea id="assess-notes" name="notes" rows={3} dir="auto">
              {str('notes')}
            </textarea>
          </div>
          <div class={`field${problem('/assessor') ? ' field-invalid' : ''}`}>
            <label for="assess-assessor">{t('assess.field.assessor')}</label>
            <input id="assess-assessor" name="assessor" value={str('assessor')} autocomplete="name" dir="auto" />
            {problem('/assessor') ? <p class="field-error">{problem('/assessor')}</p> : null}
          </div>
          <div class={`field${problem('/assessedOn') ? ' field-invalid' : ''}`}>
            <label for="assess-on">{t('assess.field.assessedOn')}</label>
            <input id="assess-on" name="assessedOn" type="date" value={str('assessedOn')} />
            {problem('/assessedOn') ? <p class="field-error">{problem('/assessedOn')}</p> : null}
          </div>
          <fieldset>
            <legend>{t('assess.field.photos')}</legend>
            <p class="hint">{t('assess.photosHint', { count: PHOTOS_PER_SUBMISSION })}</p>
            {draft?.photos.length ? <p class="hint">{t('assess.photosKept', { count: draft.photos.length })}</p> : null}
            {[1, 2, 3].map((n) => (
              <div class="risk-photo-input">
                <label for={`assess-photo-${n}`}>{t('assess.photoN', { n })}</label>
                <input id={`assess-photo-${n}`} name={`photo${n}`} type="file" accept="image/jpeg,image/png,image/webp,image/tiff" capture="environment" />
                <label for={`assess-caption-${n}`}>{t('assess.caption')}</label>
                <input id={`assess-caption-${n}`} name={`caption${n}`} value={str(`caption${n}`)} dir="auto" />
              </div>
            ))}
          </fieldset>
          <div class="risk-form-actions">
            <button type="submit" name="action" value="submit">
              {t('assess.submit')}
            </button>
            <button type="submit" name="action" value="draft" class="button-secondary">
              {t('assess.saveDraft')}
            </button>
          </div>
        </form>
        {data.before.length ? (
          <section aria-labelledby="assess-before">
            <h2 id="assess-before">{t('assess.before')}</h2>
            <ul class="risk-photos">
              {data.before.map((m) => (
                <li>
                  <img src={m.links.thumbnail} alt={t('assess.beforeAlt')} loading="lazy" />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </Layout>
  );
}
