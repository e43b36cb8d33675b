import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { Field } from '../pages/forms';
import { formatDateTime } from '../pages/format';
import { AdminNav } from '../accounts/users.pages';
import type { AuditEvent } from './audit.service';

export interface AuditPageData {
  items: AuditEvent[];
  next: number | null;
  filters: { action: string; target: string; institution: string; since: string; until: string };
}

/** The audit log for alliance admins: filters, newest first, one page at a time. */
export function AuditPage({ ctx, data }: { ctx: PageContext; data: AuditPageData }) {
  const { t } = ctx;
  const f = data.filters;
  const nextHref = data.next ? `/admin/audit?${new URLSearchParams({ ...Object.fromEntries(Object.entries(f).filter(([, v]) => v)), before: String(data.next) })}` : null;
  return (
    <Layout ctx={ctx} title={t('audit.title')} section="admin">
      <div class="wrap">
        <PageHeading title={t('audit.title')} lead={t('audit.lead')} />
        <AdminNav ctx={ctx} current="audit" viewerIsAdmin />
        <form class="filters" method="get" action="/admin/audit" role="search">
          <Field id="audit-action" name="action" label={t('audit.action')} value={f.action} hint={t('audit.actionHint')} dir="ltr" />
          <Field id="audit-target" name="target" label={t('audit.target')} value={f.target} dir="ltr" />
          <Field id="audit-institution" name="institution" label={t('admin.institution')} value={f.institution} dir="ltr" />
          <Field id="audit-since" name="since" type="date" label={t('audit.since')} value={f.since} />
          <Field id="audit-until" name="until" type="date" label={t('audit.until')} value={f.until} />
          <button type="submit">{t('admin.filter')}</button>
        </form>
        {data.items.length ? (
          <div class="table-scroll" tabindex={0} role="region" aria-label={t('audit.title')}>
            <table class="data-table">
              <caption class="visually-hidden">{t('audit.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.who')}</th>
                  <th scope="col">{t('audit.from')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.target')}</th>
                  <th scope="col">{t('audit.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((e) => (
                  <tr>
                    <td>{formatDateTime(ctx.lang, e.at)}</td>
                    <td dir="ltr">{e.actor ?? t('audit.anonymous')}</td>
                    <td dir="ltr">{e.ip ?? '—'}</td>
                    <td dir="ltr">
                      <code>{e.action}</code>
                    </td>
                    <td dir="ltr">{[e.targetType, e.targetId].filter(Boolean).join(' ') || '—'}</td>
                    <td dir="ltr">{e.detail ? <code>{JSON.stringify(e.detail)}</code> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="empty">{t('audit.none')}</p>
        )}
        {nextHref ? (
          <p>
            <a href={nextHref} rel="next">
              {t('audit.older')}
            </a>
          </p>
        ) : null}
      </div>
    </Layout>
  );
}
