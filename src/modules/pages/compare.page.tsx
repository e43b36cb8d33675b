import { pickLang } from '../../shared/lang-map';
import type { HeritageRecord } from '../records/record.schema';
import type { Institution } from '../institutions/institution.schema';
import type { Media } from '../media/media.schema';
import type { Actor } from '../accounts/actor';
import type { Store } from '../records/record.store';
import { getRecord } from '../records/record.service';
import { getInstitution } from '../institutions/institution.service';
import { listRecordMedia } from '../media/media.service';
import { textAttrs, type PageContext } from './context';
import { Layout } from './layout';
import { LangText, PageHeading } from './components';
import { kindLabel } from './format';
import { ImageViewer, ViewerScript } from './viewer';

/** At most this many records side by side. */
export const MAX_COMPARED = 6;

export interface ComparedRecord {
  record: HeritageRecord;
  institution: Institution | null;
  media: Media[];
}

/** The records to compare, as the actor may see them: hidden or unknown ones are left out, as if never asked for. */
export async function loadCompared(store: Store, actor: Actor, ids: string[], publicUrl: string): Promise<ComparedRecord[]> {
  const loaded = await Promise.all(
    ids.slice(0, MAX_COMPARED).map(async (id) => {
      const record = await getRecord(store, actor, id).catch(() => null);
      if (!record) return null;
      const [institution, media] = await Promise.all([getInstitution(store.db, record.institutionId).catch(() => null), listRecordMedia(store, actor, id, publicUrl)]);
      return { record, institution, media };
    }),
  );
  return loaded.filter((x): x is ComparedRecord => x !== null);
}

/** Records side by side, each with its own viewer; with JavaScript, a switch zooms them together. */
export function ComparePage({ ctx, items }: { ctx: PageContext; items: ComparedRecord[] }) {
  const { t } = ctx;
  const anyImages = items.some((i) => i.media.some((m) => m.status === 'ready'));
  return (
    <Layout ctx={ctx} title={t('compare.title')} section={null} head={anyImages ? <ViewerScript /> : null}>
      <div class="wrap" data-compare>
        <PageHeading title={t('compare.title')} lead={t('compare.lead')} />
        {items.length < 2 ? <p class="notice">{t('compare.empty')}</p> : null}
        {anyImages && items.length > 1 ? (
          <p class="compare-sync" hidden data-sync-row>
            <label class="checkbox">
              <input type="checkbox" data-sync checked /> {t('compare.sync')}
            </label>
          </p>
        ) : null}
        <div class="compare-grid">
          {items.map(({ record, institution, media }) => {
            const title = pickLang(record.title, ctx.lang);
            const titleText = title?.values[0] ?? t('record.untitled');
            return (
              <section class="compare-item" aria-labelledby={`cmp-${record.id}`}>
                <h2 id={`cmp-${record.id}`}>
                  <a href={`/records/${encodeURIComponent(record.id)}`} {...textAttrs(ctx, title?.lang)}>
                    {titleText}
                  </a>
                </h2>
                <p class="record-card-meta">
                  <span class="tag">{kindLabel(ctx.lang, record.kind)}</span>
                  {record.date ? <span class="meta-item">{record.date.display}</span> : null}
                  {institution ? (
                    <span class="meta-item">
                      <LangText ctx={ctx} map={institution.name} fallback={institution.id} />
                    </span>
                  ) : null}
                </p>
                {media.some((m) => m.status === 'ready') ? <ImageViewer ctx={ctx} media={media} title={titleText} wanted={ctx.lang} /> : <p class="empty">{t('viewer.noImages')}</p>}
              </section>
            );
          })}
        </div>
      </div>
    </Layout>
  );
}
