import type { PageContext } from '../pages/context';
import { LangText } from '../pages/components';
import type { Analysis } from './analysis.service';
import { edtfLabel } from './project.format';

/** One analysis: method, sample, result, date, laboratory and people. */
export function AnalysisItem({ ctx, a, showRecord, showProject = true }: { ctx: PageContext; a: Analysis; showRecord: boolean; showProject?: boolean }) {
  const { t } = ctx;
  return (
    <li class="analysis-item">
      <h3 class="analysis-method">{t(`projects.method.${a.method}` as never)}</h3>
      {showRecord && a.recordId ? (
        <p class="analysis-target">
          <a href={`/records/${encodeURIComponent(a.recordId)}`}>
            <LangText ctx={ctx} map={a.recordTitle} fallback={a.recordId} />
          </a>
        </p>
      ) : null}
      {showProject && a.projectId ? (
        <p class="analysis-project">
          <a href={`/projects/${encodeURIComponent(a.projectId)}`}>
            <LangText ctx={ctx} map={a.projectTitle} fallback={a.projectId} />
          </a>
        </p>
      ) : null}
      <dl class="analysis-facts">
        {a.site ? (
          <div>
            <dt>{t('projects.analysis.site')}</dt>
            <dd dir="auto">{a.site}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('projects.analysis.sample')}</dt>
          <dd dir="auto">{a.sample}</dd>
        </div>
        <div>
          <dt>{t('projects.analysis.result')}</dt>
          <dd dir="auto">{a.result}</dd>
        </div>
        {a.date ? (
          <div>
            <dt>{t('projects.analysis.date')}</dt>
            <dd>{edtfLabel(ctx.lang, a.date)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('projects.analysis.laboratory')}</dt>
          <dd dir="auto">{a.laboratory}</dd>
        </div>
        {a.people.length ? (
          <div>
            <dt>{t('projects.analysis.people')}</dt>
            <dd dir="auto">{new Intl.ListFormat(ctx.lang, { type: 'conjunction' }).format(a.people)}</dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}
