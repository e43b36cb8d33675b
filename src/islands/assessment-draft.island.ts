/**
 * Keeps a damage assessment safe on a phone with a poor connection. The form works without this
 * script (a plain multipart POST, and the server keeps saved drafts); with it, what is typed is
 * kept in localStorage and put back when the page is opened again, and a submission made while
 * offline waits, with a notice, and goes once the connection is back. Photos stay chosen in the
 * form while the page is open. A page reached after a successful save names the entry to drop.
 */
type Saved = Record<string, string | string[]>;

const PREFIX = 'risk-assessment:';

function fieldsOf(form: HTMLFormElement): (HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement)[] {
  return Array.from(form.elements).filter(
    (el): el is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement =>
      (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) && !!el.name && el.type !== 'file' && el.type !== 'hidden' && el.type !== 'submit',
  );
}

function read(form: HTMLFormElement): Saved {
  const out: Saved = {};
  for (const el of fieldsOf(form)) {
    if (el instanceof HTMLInputElement && el.type === 'checkbox') {
      const list = (out[el.name] as string[] | undefined) ?? [];
      if (el.checked) list.push(el.value);
      out[el.name] = list;
    } else if (el instanceof HTMLInputElement && el.type === 'radio') {
      if (el.checked) out[el.name] = el.value;
    } else {
      out[el.name] = el.value;
    }
  }
  return out;
}

function restore(form: HTMLFormElement, saved: Saved): void {
  for (const el of fieldsOf(form)) {
    const v = saved[el.name];
    if (v === undefined) continue;
    if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) el.checked = Array.isArray(v) ? v.includes(el.value) : v === el.value;
    else if (typeof v === 'string') el.value = v;
  }
}

function load(key: string): Saved | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Saved) : null;
  } catch {
    return null;
  }
}

function enhance(form: HTMLFormElement): void {
  const key = form.dataset.draftKey;
  if (!key || !key.startsWith(PREFIX)) return;
  const note = document.querySelector<HTMLElement>('[data-offline-note]');
  // Values the server sent back (a refused form) win over the stored ones.
  const refused = document.querySelector('.notice-error');
  const saved = load(key);
  if (saved && !refused) restore(form, saved);
  const save = () => {
    try {
      window.localStorage.setItem(key, JSON.stringify(read(form)));
    } catch {
      // Storage full or disabled: the form still works as a plain form.
    }
  };
  form.addEventListener('input', save);
  form.addEventListener('change', save);

  let waiting: HTMLElement | null = null;
  form.addEventListener('submit', (event) => {
    save();
    if (navigator.onLine) return;
    event.preventDefault();
    waiting = (event as SubmitEvent).submitter ?? null;
    if (note) note.hidden = false;
  });
  window.addEventListener('online', () => {
    if (note) note.hidden = true;
    if (!waiting) return;
    const submitter = waiting;
    waiting = null;
    form.requestSubmit(submitter instanceof HTMLButtonElement ? submitter : undefined);
  });
}

document.querySelectorAll<HTMLElement>('[data-draft-clear]').forEach((el) => {
  const key = el.dataset.draftClear;
  if (key && key.startsWith(PREFIX)) window.localStorage.removeItem(key);
});
document.querySelectorAll<HTMLFormElement>('form[data-draft-key]').forEach(enhance);

// A module of its own: islands are bundled one by one and share no scope.
export {};
