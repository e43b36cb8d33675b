import type { PageContext } from './context';
import { CITATION_STYLES, formatCitation, type CitationParts } from './cite';

const STYLE_NAMES = { chicago: 'Chicago', apa: 'APA', bibtex: 'BibTeX', ris: 'RIS' } as const;

/** "Cite this": the record's citation in each style, selectable text that works without JavaScript, and downloads. */
export function CiteSection({ ctx, parts }: { ctx: PageContext; parts: CitationParts }) {
  const { t } = ctx;
  const base = `/records/${encodeURIComponent(parts.id)}/cite`;
  return (
    <section class="record-cite" aria-labelledby="cite-title">
      <h2 id="cite-title">{t('cite.heading')}</h2>
      <p>{t('cite.intro')}</p>
      {CITATION_STYLES.map((style, i) => (
        <details open={i === 0}>
          <summary>{STYLE_NAMES[style]}</summary>
          {/* The citation keeps the record's own writing direction; the code styles stay left to right. */}
          <pre class="citation" dir={style === 'bibtex' || style === 'ris' ? 'ltr' : 'auto'} tabindex={0}>
            {formatCitation(style, parts)}
          </pre>
        </details>
      ))}
      <ul class="cite-downloads" role="list">
        <li>
          <a href={`${base}.ris?lang=${ctx.lang}`} download>
            {t('cite.downloadRis')}
          </a>
        </li>
        <li>
          <a href={`${base}.bib?lang=${ctx.lang}`} download>
            {t('cite.downloadBib')}
          </a>
        </li>
      </ul>
    </section>
  );
}
