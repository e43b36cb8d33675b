import { firstText } from '../../shared/lang-map';
import type { Store } from '../records/record.store';
import { listInstitutions } from '../institutions/institution.service';
import type { Institution } from '../institutions/institution.schema';
import type { InstitutionIndex } from './components';

const MAX_INSTITUTIONS = 5000;

/** Every member institution (membership is public), sorted by name in the visitor's language. */
export async function allInstitutions(store: Store, lang: string, filter: { country?: string; kind?: string } = {}): Promise<Institution[]> {
  const out: Institution[] = [];
  let cursor: string | undefined;
  do {
    const page = await listInstitutions(store.db, { ...filter, cursor, limit: 500 });
    out.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor && out.length < MAX_INSTITUTIONS);
  const collator = new Intl.Collator(lang);
  return out.sort((a, b) => collator.compare(firstText(a.name, lang, a.id), firstText(b.name, lang, b.id)));
}

/** Institutions by id. */
export function indexInstitutions(list: Institution[]): InstitutionIndex {
  return new Map(list.map((i) => [i.id, i]));
}
