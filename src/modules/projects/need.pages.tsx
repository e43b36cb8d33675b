import { formatNumber } from '../../shared/i18n/i18n';
import { firstText } from '../../shared/lang-map';
import type { PageContext } from '../pages/context';
import { LangText, PageHeading } from '../pages/components';
import { dateLabel } from '../pages/format';
import { Layout } from '../pages/layout';
import type { Need } from './need.service';
import { NEED_KINDS } from './need.table';
import type { FormError as FormErrorData } from './project.detail.pages';
import { EditorForm, EnumSelect, Input, NeedForm } from './project.forms';
import { amountLabel, edtfLabel } from './project.format';
import { Pager } from './project.list.pages';

/** A need in a list: what is asked, how much is covered and what is still open. */
export function NeedCard({ ctx, need, showProject }: { ctx: PageContext; need: Need; showProject: boolean }) {
  const { t } = ctx;
  const pct = need.quantity > 0 ? Math.min(100, Math.round((need.pledged / need.quantity) * 100)) : 0;
  return (
    <li class="need-card">
      <h3 class="need-card-title">
        <a href={`/needs/${encodeURIComponent(need.id)}`}>
          <LangText ctx={ctx} map={need.title} fallback={need.id} />
        </a>
      </h3>
      <p class="project-card-meta">
        <span class="tag">{t(`needs.kind.${need.kind}` as never)}</span>
        {need.skill ? <span class="meta-item" dir="auto">{need.skill}</span> : null}
        {need.status === 'closed' ? <span class="status status-completed">{t('needs.closed')}</span> : null}
        {need.dueDate ? <span class="meta-item">{t('needs.due', { date: edtfLabel(ctx.lang, need.dueDate) })}</span> : null}
      </p>
      {showProject && need.projectId ? (
        <p class="need-project">
          <a href={`/projects/${encodeURIComponent(need.projectId)}`}>
            <LangText ctx={ctx} map={need.projectTitle} fallback={need.projectId} />
          </a>
        </p>
      ) : null}
      <p class="need-progress-text">
        {t('needs.progress', { pledged: amountLabel(ctx.lang, need.pledged, need.unit), quantity: amountLabel(ctx.lang, need.quantity, need.unit) })}{' '}
        <strong>{need.remaining > 0 ? t('needs.remaining', { remaining: amountLabel(ctx.lang, need.remaining, need.unit) }) : t('needs.covered')}</strong>
      </p>
      <svg class="need-bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect class="need-bar-track" x="0" y="0" width="100" height="6" />
        <rect class="need-bar-fill" x="0" y="0" width={pct} height="6" />
      </svg>
    </li>
  );
}

export interface NeedsPageData {
  kind: string;
  total: number;
  items: Need[];
  /** The visitor is the secretariat, seeing every need of the alliance. */
  all: boolean;
  page: { offset: number; limit: number };
  canCreate: boolean;
  error: FormErrorData | null;
}

/** `/needs`: the open needs of projects and members; the secretariat sees every one across the alliance. */
export function NeedsPage({ ctx, data }: { ctx: PageContext; data: NeedsPageData }) {
  const { t } = ctx;
  const base = data.kind ? `/needs?kind=${encodeURIComponent(data.kind)}` : '/needs';
  return (
    <Layout ctx={ctx} title={t('needs.title')} section="projects">
      <div class="wrap needs-page">
        <PageHeading title={t('needs.title')} lead={data.all ? t('needs.leadAll') : t('needs.lead')} />
        <form class="project-filters" method="get" action="/needs">
          <EnumSelect ctx={ctx} id="nf-kind" name="kind" label={t('needs.field.kind')} values={NEED_KINDS} prefix="needs.kind" value={data.kind} empty={t('projects.filter.any')} />
          <button type="submit">{t('projects.filter.submit')}</button>
        </form>
        <h2 class="results-count">{t('needs.count', { count: data.total, n: formatNumber(ctx.lang, data.total) })}</h2>
        {data.items.length ? (
          <ul class="need-list" role="list">
            {data.items.map((n) => (
              <NeedCard ctx={ctx} need={n} showProject={true} />
            ))}
          </ul>
        ) : (
          <p class="empty">{t('needs.none')}</p>
        )}
        <Pager ctx={ctx} total={data.total} page={data.page} href={(o) => `${base}${base.includes('?') ? '&' : '?'}offset=${o}`} />
        {data.canCreate ? (
          <section aria-labelledby="member-need-title">
            <h2 id="member-need-title">{t('needs.ownTitle')}</h2>
            <NeedFormFor ctx={ctx} error={data.error} />
          </section>
        ) : null}
      </div>
    </Layout>
  );
}

// The need form of a member institution (not a project's) lives on /needs.
function NeedFormFor({ ctx, error }: { ctx: PageContext; error: FormErrorData | null }) {
  return <NeedForm ctx={ctx} action="/needs" error={error} />;
}

export interface NeedPageData {
  need: Need;
  notice: string | null;
  error: FormErrorData | null;
}

/** `/needs/:id`: one need, its pledges as the visitor may see them, and the pledge form. */
export function NeedPage({ ctx, data }: { ctx: PageContext; data: NeedPageData }) {
  const { t } = ctx;
  const n = data.need;
  const title = <LangText ctx={ctx} map={n.title} fallback={n.id} />;
  const action = (p: string) => `/needs/${encodeURIComponent(n.id)}/${p}`;
  return (
    <Layout ctx={ctx} title={firstText(n.title, ctx.lang, n.id)} section="projects">
      <article class="wrap need" aria-labelledby="need-title">
        <p class="breadcrumb">
          <a href="/needs">{t('needs.title')}</a>
        </p>
        <h1 id="need-title">{title}</h1>
        {data.notice ? (
          <div class="notice notice-success" role="status">
            <p>{data.notice}</p>
          </div>
        ) : null}
        <ul class="need-list" role="list">
          <NeedCard ctx={ctx} need={n} showProject={true} />
        </ul>
        <LangText ctx={ctx} map={n.description} as="p" />
        {n.pledges.length ? (
          <section aria-labelledby="pledges-title">
            <h2 id="pledges-title">{t('needs.pledges')}</h2>
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('needs.pledge.institution')}</th>
                  <th scope="col">{t('needs.field.quantity')}</th>
                  <th scope="col">{t('needs.pledge.note')}</th>
                  <th scope="col">{t('needs.pledge.status')}</th>
                  <th scope="col">{t('needs.pledge.date')}</th>
                </tr>
              </thead>
              <tbody>
                {n.pledges.map((p) => (
                  <tr>
                    <td>
                      <LangText ctx={ctx} map={p.institutionName} fallback={p.institutionId} />
                    </td>
                    <td>{amountLabel(ctx.lang, p.quantity, n.unit)}</td>
                    <td dir="auto">{p.note}</td>
                    <td>
                      {t(`needs.pledgeStatus.${p.status}` as never)}
                      {p.canAccept ? <PledgeButton ctx={ctx} action={action(`pledges/${encodeURIComponent(p.id)}`)} status="accepted" label={t('needs.pledge.accept')} /> : null}
                      {p.canWithdraw ? <PledgeButton ctx={ctx} action={action(`pledges/${encodeURIComponent(p.id)}`)} status="withdrawn" label={t('needs.pledge.withdraw')} /> : null}
                    </td>
                    <td>{dateLabel(ctx.lang, p.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}
        {n.canPledge ? (
          <EditorForm ctx={ctx} id="pledge-form" summary={t('needs.pledge.add')} action={action('pledges')} error={data.error}>
            <Input id="pl-quantity" name="quantity" label={n.kind === 'funds' ? t('needs.pledge.amount', { currency: n.unit }) : t('needs.field.quantity')} value={data.error?.values.quantity} type="number" step="any" required />
            <Input id="pl-note" name="note" label={t('needs.pledge.note')} value={data.error?.values.note} dir="auto" maxlength={2000} />
            <button type="submit">{t('needs.pledge.add')}</button>
          </EditorForm>
        ) : null}
        {n.canEdit ? (
          <form method="post" action={action('status')} class="inline-form">
            <input type="hidden" name="_csrf" value={ctx.csrf ?? ''} />
            <input type="hidden" name="status" value={n.status === 'open' ? 'closed' : 'open'} />
            <button type="submit">{n.status === 'open' ? t('needs.close') : t('needs.reopen')}</button>
          </form>
        ) : null}
      </article>
    </Layout>
  );
}

function PledgeButton({ ctx, action, status, label }: { ctx: PageContext; action: string; status: string; label: string }) {
  return (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name="_csrf" value={ctx.csrf ?? ''} />
      <input type="hidden" name="status" value={status} />
      <button type="submit" class="link-button">
        {label}
      </button>
    </form>
  );
}
