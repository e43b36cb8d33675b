import type { LangMap } from '../../shared/lang-map';
import type { Actor } from '../accounts/actor';
import { type Collection, manifestRef } from '../interop/iiif-collection';
import { iiifLangMap, isEmptyMap, plainText } from '../interop/iiif-lang';
import { institutionAgent, PRESENTATION_CONTEXT } from '../interop/iiif-manifest';
import type { Store } from '../records/record.store';
import { curates } from './exhibition.access';
import type { Exhibition } from './exhibition.types';
import { viewExhibition } from './exhibition.view';

/** The URL of an exhibition's IIIF Collection. */
export function exhibitionCollectionUrl(publicUrl: string, id: string): string {
  return `${publicUrl}/iiif/collection/exhibition/${encodeURIComponent(id)}`;
}

/**
 * The IIIF Collection of an exhibition: the Manifest of each record it shows that the reader may see
 * and that has an image, in chapter order, once each. A record shown by approval only is left out:
 * approval opens its catalogue entry in the exhibition, not its Manifest.
 */
export async function exhibitionCollection(store: Store, actor: Actor, ref: string, publicUrl: string): Promise<Collection> {
  const view = await viewExhibition(store, actor, ref, 'en', publicUrl);
  if (!view) throw new Error('unreachable: a visible exhibition has a language version');
  const ex = view.exhibition;
  const seen = new Set<string>();
  const manifests = view.chapters
    .flatMap((c) => c.items)
    .filter((i) => i.access === 'full' && i.image && !seen.has(i.record.id) && seen.add(i.record.id))
    .map((i) => manifestRef(publicUrl, i.record, i.image!));
  const label = publishedTexts(ex, ex.title, curates(actor, ex));
  const summary = plainText(publishedTexts(ex, ex.summary, curates(actor, ex)));
  const lead = view.institutions.get(ex.leadInstitutionId);
  return {
    '@context': PRESENTATION_CONTEXT,
    id: exhibitionCollectionUrl(publicUrl, ex.id),
    type: 'Collection',
    label: isEmptyMap(label) ? { none: [ex.slug] } : label,
    ...(isEmptyMap(summary) ? {} : { summary }),
    ...(lead ? { provider: [institutionAgent(lead, publicUrl)] } : {}),
    ...(manifests.length ? { thumbnail: manifests[0].thumbnail } : {}),
    homepage: [{ id: `${publicUrl}/exhibitions/${encodeURIComponent(ex.slug)}`, type: 'Text', label: isEmptyMap(label) ? { none: [ex.slug] } : label, format: 'text/html' }],
    items: manifests,
  };
}

/** The texts of a language map in the published language versions only (all of them for curators). */
export function publishedTexts(ex: Exhibition, map: LangMap, curator: boolean): LangMap {
  const published = new Set(ex.languages.filter((l) => l.published).map((l) => l.lang as string));
  const kept = Object.fromEntries(Object.entries(map).filter(([lang]) => curator || published.has(lang.split('-')[0].toLowerCase())));
  return iiifLangMap(kept);
}
