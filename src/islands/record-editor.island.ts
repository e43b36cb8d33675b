/**
 * The record editor, enhanced: language fieldsets become ARIA tabs, the date is read live as one
 * types (through /api/v1/edtf, the same reading the server shows), term and relation inputs get
 * suggestions, and images upload with a progress bar and reorder without leaving the form (so
 * unsaved edits stay). Without this script the page is one plain form that does all of it by posting.
 */

const DELAY_MS = 200;
const lang = document.documentElement.lang || 'en';
const csrf = (document.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '').trim();

/** Language fieldsets as tabs (WAI-ARIA Authoring Practices: tabs with automatic activation). */
function tabs(container: HTMLElement): void {
  const panels = [...container.querySelectorAll<HTMLFieldSetElement>(':scope > fieldset[data-lang-panel]')];
  if (panels.length < 2) return;
  const list = document.createElement('div');
  list.setAttribute('role', 'tablist');
  list.setAttribute('aria-label', container.dataset.langTabs ?? '');
  list.className = 'editor-tabs';
  const buttons = panels.map((panel, i) => {
    const legend = panel.querySelector('legend');
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('role', 'tab');
    button.id = `${panel.id}-tab`;
    button.setAttribute('aria-controls', panel.id);
    button.textContent = panel.dataset.langName ?? panel.dataset.langPanel ?? String(i + 1);
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', button.id);
    panel.tabIndex = 0;
    legend?.classList.add('visually-hidden');
    list.append(button);
    return button;
  });
  const select = (index: number, focus: boolean) => {
    buttons.forEach((b, i) => {
      const on = i === index;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
      panels[i].hidden = !on;
    });
    if (focus) buttons[index].focus();
  };
  buttons.forEach((b, i) => {
    b.addEventListener('click', () => select(i, false));
    b.addEventListener('keydown', (e) => {
      const last = buttons.length - 1;
      const rtl = getComputedStyle(list).direction === 'rtl';
      const next = { ArrowRight: rtl ? i - 1 : i + 1, ArrowLeft: rtl ? i + 1 : i - 1, Home: 0, End: last }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      select((next + buttons.length) % buttons.length, true);
    });
  });
  container.prepend(list);
  // Open the first language with a problem, else the first one.
  const invalid = panels.findIndex((p) => p.querySelector('[aria-invalid="true"]'));
  select(Math.max(invalid, 0), false);
  // A link from the error summary to a field in a hidden tab opens that tab.
  window.addEventListener('hashchange', () => reveal(location.hash.slice(1)));
  document.querySelectorAll<HTMLAnchorElement>('.editor-summary a[href^="#"]').forEach((a) => a.addEventListener('click', () => reveal(a.hash.slice(1))));
  function reveal(id: string) {
    const i = panels.findIndex((p) => id && p.querySelector(`#${CSS.escape(id)}`));
    if (i >= 0) select(i, false);
  }
}

/** The date read live: valid or not, and in words. */
function datePreview(output: HTMLElement): void {
  const display = document.querySelector<HTMLInputElement>('#ed-date-display');
  const edtf = document.querySelector<HTMLInputElement>('#ed-date-edtf');
  if (!display || !edtf) return;
  let timer: number | undefined;
  let controller: AbortController | null = null;
  const update = async () => {
    controller?.abort();
    controller = new AbortController();
    const url = `/api/v1/edtf?lang=${encodeURIComponent(lang)}&value=${encodeURIComponent(edtf.value.trim())}&display=${encodeURIComponent(display.value.trim())}`;
    try {
      const res = await fetch(url, { headers: { accept: 'application/json' }, signal: controller.signal });
      if (!res.ok) return;
      const r = (await res.json()) as { valid: boolean; edtf: string | null; text: string | null };
      edtf.setAttribute('aria-invalid', String(!r.valid));
      edtf.closest('.field')?.classList.toggle('field-invalid', !r.valid);
      const message = r.valid ? (r.edtf && r.text ? output.dataset.msgPreview!.replace('{text}', r.text) : output.dataset.msgNone!) : output.dataset.msgInvalid!;
      const text = document.createElement('span');
      text.className = r.valid ? (r.text ? '' : 'sub') : 'field-error';
      text.textContent = message;
      const parts: Node[] = [text];
      if (r.valid && r.edtf && r.text) {
        const code = document.createElement('span');
        code.className = 'sub-inline';
        code.dir = 'ltr';
        code.textContent = r.edtf;
        parts.push(document.createTextNode(' '), code);
      }
      output.replaceChildren(...parts);
    } catch {
      // Typing on, or offline: the server reads the date again on saving.
    }
  };
  for (const input of [display, edtf]) {
    input.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, DELAY_MS);
    });
  }
}

/** A datalist of suggestions under an input, filled by `fetchOptions` as one types. */
function suggest(input: HTMLInputElement, fetchOptions: (q: string, signal: AbortSignal) => Promise<{ value: string; label: string }[]>, chosen?: (value: string) => void): void {
  const list = document.createElement('datalist');
  list.id = `${input.id}-suggestions`;
  input.after(list);
  input.setAttribute('list', list.id);
  input.setAttribute('autocomplete', 'off');
  let timer: number | undefined;
  let controller: AbortController | null = null;
  input.addEventListener('change', () => chosen?.(input.value));
  input.addEventListener('input', (e) => {
    // Choosing an option fires `input` without a key: apply it rather than search again.
    if (!(e instanceof InputEvent) || e.inputType === 'insertReplacementText') {
      chosen?.(input.value);
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 2) return;
      controller?.abort();
      controller = new AbortController();
      try {
        const options = await fetchOptions(q, controller.signal);
        list.replaceChildren(
          ...options.map((o) => {
            const option = document.createElement('option');
            option.value = o.value;
            if (o.label && o.label !== o.value) option.label = o.label;
            return option;
          }),
        );
      } catch {
        // Typing on, or offline: the input still takes what is typed.
      }
    }, DELAY_MS);
  });
}

/** Terms already in the catalogue, keeping their vocabulary URI when one is chosen. */
function vocabulary(input: HTMLInputElement): void {
  const row = input.closest('[data-vocab-row]');
  const uri = row?.querySelector<HTMLInputElement>('input[data-vocab-uri]');
  let last: { label: string; uri: string | null }[] = [];
  suggest(
    input,
    async (q, signal) => {
      const res = await fetch(`/api/v1/vocabulary?field=${encodeURIComponent(input.dataset.vocab!)}&q=${encodeURIComponent(q)}&lang=${encodeURIComponent(lang)}`, { headers: { accept: 'application/json' }, signal });
      if (!res.ok) return [];
      last = ((await res.json()) as { items: { label: string; uri: string | null }[] }).items;
      return last.map((t) => ({ value: t.label, label: t.uri ?? '' }));
    },
    (value) => {
      const hit = last.find((t) => t.label === value);
      if (hit && uri && hit.uri) uri.value = hit.uri;
    },
  );
}

/** Records the curator may see, found by title words; the option's value is the record id. */
function relationPicker(input: HTMLInputElement): void {
  suggest(input, async (q, signal) => {
    const res = await fetch(`/api/v1/search?q=${encodeURIComponent(q)}&prefix=true&limit=8&facets=none&lang=${encodeURIComponent(lang)}`, { headers: { accept: 'application/json' }, signal });
    if (!res.ok) return [];
    const { items } = (await res.json()) as { items: { id: string; title: Record<string, string[]> }[] };
    // A record is not related to itself.
    const self = decodeURIComponent(/\/records\/([^/]+)\/edit$/.exec(location.pathname)?.[1] ?? '');
    return items.filter((h) => h.id !== self).map((h) => ({ value: h.id, label: h.title[lang]?.[0] ?? Object.values(h.title).find((v) => v.length)?.[0] ?? h.id }));
  });
}

/** Replaces the images section with the one of a freshly fetched editor page (after an upload, a move or a removal). */
async function refreshImages(html?: string): Promise<void> {
  const page = html ?? (await (await fetch(location.pathname, { headers: { accept: 'text/html' } })).text());
  const fresh = new DOMParser().parseFromString(page, 'text/html').querySelector('[data-images-section]');
  const current = document.querySelector('[data-images-section]');
  if (fresh && current) {
    current.replaceWith(document.importNode(fresh, true));
    images();
  }
}

/** Upload with a progress bar; move and remove without reloading the form. */
function images(): void {
  const section = document.querySelector<HTMLElement>('[data-images-section]');
  if (!section) return;
  section.querySelectorAll<HTMLFormElement>('form[data-image-action]').forEach((form) => {
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const button = e.submitter as HTMLButtonElement | null;
      const body = new URLSearchParams();
      new FormData(form).forEach((v, k) => body.append(k, String(v)));
      if (button?.name) body.append(button.name, button.value);
      // `form.action` would be the button named "action": read the attribute.
      const res = await fetch(form.getAttribute('action')!, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      if (res.ok) await refreshImages(await res.text());
      // The buttons pressed are gone with the old list: keep the keyboard in the section.
      document.querySelector<HTMLElement>('[data-images-section] h2')?.focus();
    });
  });
  const upload = section.querySelector<HTMLFormElement>('form[data-upload]');
  const status = upload?.querySelector<HTMLElement>('[data-upload-status]');
  if (!upload || !status) return;
  upload.addEventListener('submit', (e) => {
    const file = upload.querySelector<HTMLInputElement>('input[type="file"]')?.files?.[0];
    if (!file) return;
    e.preventDefault();
    const bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    const text = document.createElement('span');
    status.replaceChildren(bar, document.createTextNode(' '), text);
    bar.setAttribute('aria-label', upload.dataset.msgUploading!.replace('{percent}', '0'));
    const form = new FormData();
    const label = upload.querySelector<HTMLInputElement>('input[name="label"]')?.value.trim();
    if (label) form.append('label', JSON.stringify({ [lang]: [label] }));
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', upload.dataset.upload!);
    xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.addEventListener('progress', (p) => {
      if (!p.lengthComputable) return;
      const percent = Math.round((100 * p.loaded) / p.total);
      bar.value = percent;
      text.textContent = upload.dataset.msgUploading!.replace('{percent}', String(percent));
    });
    xhr.addEventListener('load', async () => {
      if (xhr.status === 201) {
        bar.value = 100;
        await refreshImages();
        const done = document.querySelector<HTMLElement>('[data-images-section] [data-upload-status]');
        if (done) done.textContent = upload.dataset.msgDone!;
      } else text.textContent = upload.dataset.msgFailed!;
    });
    xhr.addEventListener('error', () => {
      text.textContent = upload.dataset.msgFailed!;
    });
    xhr.send(form);
  });
}

document.querySelectorAll<HTMLElement>('[data-lang-tabs]').forEach(tabs);
document.querySelectorAll<HTMLElement>('[data-edtf-preview]').forEach(datePreview);
document.querySelectorAll<HTMLInputElement>('input[data-vocab]').forEach(vocabulary);
document.querySelectorAll<HTMLInputElement>('input[data-relation-picker]').forEach(relationPicker);
images();

// A module of its own: islands are bundled one by one and share no scope.
export {};
