import { pickLang } from '../../shared/lang-map';
import { formatNumber } from '../../shared/i18n/i18n';
import { isOpenRights } from '../records/record.derive';
import type { Media } from '../media/media.schema';
import type { PageContext } from './context';

/** The width of the "medium" download: enough for a slide or a page, far below a master. */
const MEDIUM_WIDTH = 1600;

/**
 * Downloads of the record's images where their licence allows reuse (an image's own rights, else
 * the record's): the largest size the IIIF service gives and a medium one. Where it does not,
 * says so: the images can still be viewed.
 */
export function RecordDownloads({ ctx, media, recordRights }: { ctx: PageContext; media: Media[]; recordRights: string | null }) {
  const { t, lang } = ctx;
  const ready = media.filter((m) => m.status === 'ready');
  if (!ready.length) return null;
  const open = ready.filter((m) => isOpenRights(m.rights ?? recordRights));
  return (
    <section class="record-downloads" aria-labelledby="downloads-title">
      <h2 id="downloads-title">{t('downloads.heading')}</h2>
      {open.length ? (
        <ul class="downloads" role="list">
          {open.map((m, i) => {
            const name = pickLang(m.label, lang)?.values[0] ?? t('downloads.image', { n: i + 1 });
            return (
              <li>
                <span class="download-name">{name}</span>{' '}
                <a href={`${m.links.iiif}/full/max/0/default.jpg`} download>
                  {t('downloads.full', { width: formatNumber(lang, m.width), height: formatNumber(lang, m.height) })}
                </a>
                {m.width > MEDIUM_WIDTH ? (
                  <>
                    {' · '}
                    <a href={`${m.links.iiif}/full/${MEDIUM_WIDTH},/0/default.jpg`} download>
                      {t('downloads.medium', { width: formatNumber(lang, MEDIUM_WIDTH) })}
                    </a>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {open.length < ready.length ? <p class="notice">{t('downloads.restricted')}</p> : null}
    </section>
  );
}
