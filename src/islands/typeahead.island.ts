/**
 * Type-ahead for search boxes: an `input[data-typeahead]` (a plain search field without it) gets a
 * `<datalist>` of titles that start with what is typed, from the search API's prefix search, in
 * the page's language. The browser shows the list natively (keyboard and screen readers included).
 */
interface Hit {
  title: Record<string, string[]>;
}

const DELAY_MS = 150;
const SHOWN = 8;

function titleIn(title: Record<string, string[]>, lang: string): string | null {
  const exact = title[lang]?.[0];
  if (exact) return exact;
  const first = Object.values(title).find((v) => v?.length);
  return first ? first[0] : null;
}

function enhance(input: HTMLInputElement): void {
  const list = document.createElement('datalist');
  list.id = `${input.id || 'q'}-suggestions`;
  input.after(list);
  input.setAttribute('list', list.id);
  input.setAttribute('autocomplete', 'off');
  const lang = document.documentElement.lang || 'en';
  let timer: number | undefined;
  let asked = '';
  let controller: AbortController | null = null;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 2 || q === asked) return;
      asked = q;
      controller?.abort();
      controller = new AbortController();
      try {
        const url = `/api/v1/search?q=${encodeURIComponent(q)}&prefix=true&limit=${SHOWN}&facets=none&lang=${encodeURIComponent(lang)}`;
        const res = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' }, signal: controller.signal });
        if (!res.ok) return;
        const answer = (await res.json()) as { items: Hit[] };
        const titles = [...new Set(answer.items.map((h) => titleIn(h.title, lang)).filter((t): t is string => !!t))];
        list.replaceChildren(
          ...titles.map((t) => {
            const option = document.createElement('option');
            option.value = t;
            return option;
          }),
        );
      } catch {
        // Typing on, or offline: the plain search box still works.
      }
    }, DELAY_MS);
  });
}

document.querySelectorAll<HTMLInputElement>('input[data-typeahead]').forEach(enhance);

// A module of its own: islands are bundled one by one and share no scope.
export {};
