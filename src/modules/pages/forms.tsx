import type { Child } from 'hono/jsx';
import type { PageContext } from './context';
import type { FieldProblem } from '../../shared/errors';

/** The hidden field that repeats the CSRF token in every form that changes something. */
export function CsrfField(props: { token: string | null }) {
  return <input type="hidden" name="_csrf" value={props.token ?? ''} />;
}

/** A labelled input with its hint and its error, tied together for screen readers. */
export function Field(props: {
  id: string;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'url';
  value?: string;
  hint?: string;
  error?: string | null;
  autocomplete?: string;
  required?: boolean;
  minlength?: number;
  dir?: 'ltr' | 'rtl' | 'auto';
}) {
  const described = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : props.value}
        autocomplete={props.autocomplete}
        required={props.required}
        minlength={props.minlength}
        dir={props.dir}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={described}
      />
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

/** A labelled select. */
export function SelectField(props: { id: string; name: string; label: string; options: { value: string; label: string }[]; value?: string | null; hint?: string }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name} aria-describedby={props.hint ? `${props.id}-hint` : undefined}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === (props.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** A notice at the top of a form: what went wrong (role alert) or what just happened (role status). */
export function FormNotice(props: { ctx: PageContext; kind: 'error' | 'success'; message: Child; detail?: string | null; problems?: FieldProblem[] }) {
  return (
    <div class={`notice ${props.kind === 'error' ? 'notice-error' : 'notice-success'}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      <p>{props.message}</p>
      {props.detail || props.problems?.length ? (
        <ul lang="en" dir="ltr">
          {props.detail ? <li>{props.detail}</li> : null}
          {(props.problems ?? []).map((p) => (
            <li>
              {p.field}: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A same-site path to go to after a form, from untrusted input; `fallback` otherwise. */
export function safeNext(raw: unknown, fallback = '/'): string {
  if (typeof raw !== 'string' || raw.length > 2000) return fallback;
  return raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\') && !/[\u0000-\u001f]/.test(raw) ? raw : fallback;
}
