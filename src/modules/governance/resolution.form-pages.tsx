import { UI_LANGUAGES } from '../../shared/lang-map';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { CsrfField, FormNotice } from '../pages/forms';
import type { AllianceView } from './alliance.pages';
import { AllianceNav, label } from './governance.view';
import { VisibilityField, type FormError } from './governance.form-fields';
import { RESOLUTION_KINDS } from './resolution.service';

export interface ResolutionFormValues {
  kind: string;
  visibility: string;
  adoptedOn: string;
  voteId: string;
  titles: Record<string, string>;
  bodies: Record<string, string>;
  note: string;
  expectedVersion: string;
}

function wrong(error: FormError, field: string): boolean {
  return Boolean(error?.problems?.some((p) => p.field === field || p.field.startsWith(`${field}/`)));
}

/**
 * `/alliance/resolutions/new` (a resolution adopted at a meeting, with the vote that carried it)
 * and `/alliance/resolutions/:id/revise` (a new version of its text, carrying the version edited).
 */
export function ResolutionFormPage(props: { ctx: PageContext; view: AllianceView; action: string; cancel: string; revising: boolean; values: ResolutionFormValues; votes: { id: string; motion: string }[]; error: FormError }) {
  const { ctx, view, values, error } = props;
  const { t } = ctx;
  const heading = props.revising ? t('govf.resolution.revise') : t('govf.resolution.new');
  const languages = new Intl.DisplayNames([ctx.lang], { type: 'language', fallback: 'code' });
  const errorLine = (field: string, id: string) =>
    wrong(error, field) ? (
      <p class="field-error" id={id}>
        {t('govf.invalidField')}
      </p>
    ) : null;
  return (
    <Layout ctx={ctx} title={heading} section="alliance">
      <div class="wrap">
        <PageHeading title={heading} />
        <AllianceNav ctx={ctx} alliance={view.alliance} primaryId={view.primaryId} current="meetings" />
        {error ? <FormNotice ctx={ctx} kind="error" message={error.message} detail={error.detail} problems={error.problems} /> : null}
        <form method="post" action={props.action} class="gov-form gov-edit">
          <CsrfField token={ctx.csrf} />
          {props.revising ? (
            <input type="hidden" name="expectedVersion" value={values.expectedVersion} />
          ) : (
            <>
              <div class="field-row">
                <div class="field">
                  <label for="rf-kind">{t('govf.kind')}</label>
                  <select id="rf-kind" name="kind">
                    {RESOLUTION_KINDS.map((k) => (
                      <option value={k} selected={k === values.kind}>
                        {label(ctx, 'resolutionKind', k)}
                      </option>
                    ))}
                  </select>
                </div>
                <VisibilityField ctx={ctx} id="rf-visibility" value={values.visibility} />
                <div class={`field${wrong(error, '/adoptedOn') ? ' field-invalid' : ''}`}>
                  <label for="rf-adopted">{t('govf.adoptedOn')}</label>
                  <input id="rf-adopted" type="date" name="adoptedOn" value={values.adoptedOn} required {...(wrong(error, '/adoptedOn') ? { 'aria-invalid': 'true', 'aria-describedby': 'rf-adopted-error' } : {})} />
                  {errorLine('/adoptedOn', 'rf-adopted-error')}
                </div>
              </div>
              <div class={`field${wrong(error, '/voteId') ? ' field-invalid' : ''}`}>
                <label for="rf-vote">{t('govf.carriedBy')}</label>
                <select id="rf-vote" name="voteId" {...(wrong(error, '/voteId') ? { 'aria-invalid': 'true', 'aria-describedby': 'rf-vote-error' } : {})}>
                  <option value="">{t('govf.noVote')}</option>
                  {props.votes.map((v) => (
                    <option value={v.id} selected={v.id === values.voteId}>
                      {v.motion}
                    </option>
                  ))}
                </select>
                {errorLine('/voteId', 'rf-vote-error')}
              </div>
            </>
          )}
          <p class="hint">{t('govf.textHint')}</p>
          {UI_LANGUAGES.map((l) => (
            <fieldset class={wrong(error, `/title/${l}`) || wrong(error, `/body/${l}`) ? 'field-invalid' : undefined}>
              <legend>{languages.of(l)}</legend>
              <div class="field">
                <label for={`rf-title-${l}`}>{t('govf.resTitle')}</label>
                <input id={`rf-title-${l}`} name={`title_${l}`} value={values.titles[l] ?? ''} lang={l} dir={l === 'ar' ? 'rtl' : 'ltr'} maxlength={500} />
              </div>
              <div class="field">
                <label for={`rf-body-${l}`}>{t('govf.resBody')}</label>
                <textarea id={`rf-body-${l}`} name={`body_${l}`} rows={6} lang={l} dir={l === 'ar' ? 'rtl' : 'ltr'}>
                  {values.bodies[l] ?? ''}
                </textarea>
              </div>
            </fieldset>
          ))}
          {errorLine('/title', 'rf-title-error')}
          {errorLine('/body', 'rf-body-error')}
          {props.revising ? (
            <div class={`field${wrong(error, '/note') ? ' field-invalid' : ''}`}>
              <label for="rf-note">{t('govf.note')}</label>
              <input id="rf-note" name="note" value={values.note} dir="auto" maxlength={1000} required {...(wrong(error, '/note') ? { 'aria-invalid': 'true', 'aria-describedby': 'rf-note-error' } : {})} />
              {errorLine('/note', 'rf-note-error')}
            </div>
          ) : null}
          <button type="submit">{t('govf.save')}</button> <a href={props.cancel}>{t('govf.cancel')}</a>
        </form>
      </div>
    </Layout>
  );
}
