import type { Child } from 'hono/jsx';
import { UI_LANGUAGES, type LangMap } from '../../shared/lang-map';
import type { FieldProblem } from '../../shared/errors';
import type { FormOutcome } from '../accounts/sign-in.pages';
import type { PageContext } from '../pages/context';
import { LangText } from '../pages/components';
import { FormNotice } from '../pages/forms';
import { dateLabel, languageName } from '../pages/format';

export type PeopleSection = 'experts' | 'training' | 'events' | 'practices' | 'awards';

/** The people module's sub-navigation; the directory is offered to members only. */
export function PeopleNav({ ctx, current }: { ctx: PageContext; current: PeopleSection }) {
  const { t } = ctx;
  const items: [PeopleSection, string, string][] = [
    ['events', '/events', t('people.events.title')],
    ['training', '/training', t('people.training.title')],
    ['practices', '/practices', t('people.practices.title')],
    ['awards', '/awards', t('people.awards.title')],
  ];
  if (ctx.user) items.push(['experts', '/experts', t('people.experts.title')]);
  return (
    <nav class="people-nav" aria-label={t('people.nav')}>
      <ul>
        {items.map(([key, href, label]) => (
          <li>
            <a href={href} aria-current={key === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The form's error notice, when a form came back refused. */
export function FormError({ ctx, error }: { ctx: PageContext; error?: FormOutcome | null }) {
  return error ? <FormNotice ctx={ctx} kind="error" message={error.message} detail={error.detail} problems={error.problems} /> : null;
}

/**
 * The error message of one field in the UI language, when the service named the field; the
 * service's own (English) explanation is listed in the form's notice.
 */
export function fieldError(ctx: PageContext, problems: FieldProblem[] | undefined, field: string): string | null {
  const p = problems?.find((x) => x.field === field || x.field.startsWith(`${field}/`));
  if (!p) return null;
  if (/^is (empty|required)$/.test(p.message)) return ctx.t('people.problem.required');
  if (/^is not a date/.test(p.message)) return ctx.t('people.problem.date');
  const filled = /^is below the (\d+) places already filled$/.exec(p.message);
  if (filled) return ctx.t('people.problem.placesFilled', { count: Number(filled[1]) });
  return ctx.t('people.problem.invalid');
}

/** A select of the UI languages, for the language a form's texts are written in. */
export function TextLanguageField({ ctx, id, value }: { ctx: PageContext; id: string; value?: string }) {
  return (
    <div class="field">
      <label for={id}>{ctx.t('people.textLanguage')}</label>
      <select id={id} name="lang">
        {UI_LANGUAGES.map((l) => (
          <option value={l} selected={l === (value ?? ctx.lang)}>
            {languageName(ctx.lang, l)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled multi-line text field. */
export function TextArea(props: { id: string; name: string; label: string; value?: string | null; rows?: number; required?: boolean; error?: string | null; hint?: string }) {
  const described = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      <textarea id={props.id} name={props.name} rows={props.rows ?? 5} dir="auto" required={props.required} aria-invalid={props.error ? 'true' : undefined} aria-describedby={described}>
        {props.value ?? ''}
      </textarea>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input of a type the shared Field does not offer (datetime-local, number with bounds). */
export function PlainInput(props: { id: string; name: string; label: string; type: string; value?: string | null; required?: boolean; min?: string; max?: string; hint?: string; error?: string | null }) {
  const described = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      <input id={props.id} name={props.name} type={props.type} value={props.value ?? undefined} required={props.required} min={props.min} max={props.max} aria-invalid={props.error ? 'true' : undefined} aria-describedby={described} />
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** A titled section of language-mapped text, left out when empty. */
export function LangSection({ ctx, heading, map }: { ctx: PageContext; heading: string; map: LangMap }) {
  if (!Object.keys(map).length) return null;
  return (
    <section class="people-section">
      <h2>{heading}</h2>
      <LangText ctx={ctx} map={map} as="p" />
    </section>
  );
}

/** A date (YYYY-MM-DD) as a long date in the UI language, in a time element. */
export function Day({ ctx, day }: { ctx: PageContext; day: string }) {
  return <time datetime={day}>{dateLabel(ctx.lang, `${day}T00:00:00Z`)}</time>;
}

/** A visibility badge for members-only things. */
export function MembersBadge({ ctx, visibility }: { ctx: PageContext; visibility: string }): Child {
  return visibility === 'members' ? <span class="tag">{ctx.t('people.membersOnly')}</span> : null;
}

/** The visibility choice of a form. */
export function VisibilityField({ ctx, id, value }: { ctx: PageContext; id: string; value?: string }) {
  return (
    <div class="field">
      <label for={id}>{ctx.t('people.visibility')}</label>
      <select id={id} name="visibility">
        <option value="public" selected={value !== 'members'}>
          {ctx.t('people.visibilityPublic')}
        </option>
        <option value="members" selected={value === 'members'}>
          {ctx.t('people.visibilityMembers')}
        </option>
      </select>
    </div>
  );
}
