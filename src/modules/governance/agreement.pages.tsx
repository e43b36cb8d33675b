import { countryName } from '../../shared/country';
import { pickLang } from '../../shared/lang-map';
import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { LangText, PageHeading } from '../pages/components';
import type { AllianceView } from './alliance.pages';
import type { Agreement, AgreementParty } from './agreement.service';
import { AllianceNav, alliancePath, DateText, DocumentList, label, ProseText } from './governance.view';
import { DocumentUploadForm, type UploadState } from './document.form-pages';

/** `/alliance/agreements`: agreements and memoranda, latest signed first, with their parties. */
export function AgreementsPage({ ctx, view, agreements, names, secretariat = false }: { ctx: PageContext; view: AllianceView; agreements: Agreement[]; names: Map<string, string>; secretariat?: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('gov.agreements.title')} section="alliance">
      <div class="wrap">
        <PageHeading title={t('gov.agreements.title')} lead={t('gov.agreements.lead')} />
        <AllianceNav ctx={ctx} alliance={view.alliance} primaryId={view.primaryId} current="agreements" />
        {secretariat ? (
          <p class="gov-actions">
            <a href={alliancePath('/alliance/agreements/new', view.alliance, view.primaryId)}>{t('govf.agreement.new')}</a>
          </p>
        ) : null}
        {agreements.length ? (
          <ul class="gov-list">
            {agreements.map((a) => (
              <li>
                <a href={`/alliance/agreements/${encodeURIComponent(a.id)}`}>
                  <LangText ctx={ctx} map={a.title} />
                </a>
                <p class="gov-meta">
                  {label(ctx, 'agreementKind', a.kind)}
                  {a.signedOn ? (
                    <>
                      {' · '}
                      <DateText ctx={ctx} date={a.signedOn} />
                    </>
                  ) : null}{' '}
                  · {a.parties.map((p) => partyName(ctx, p, names)).join(' · ')}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{t('gov.agreements.none')}</p>
        )}
      </div>
    </Layout>
  );
}

/** `/alliance/agreements/:id`: parties, signing, scope, duration and renewal, and what it governs. */
export function AgreementPage({ ctx, view, agreement: a, names, upload = null }: { ctx: PageContext; view: AllianceView; agreement: Agreement; names: Map<string, string>; /** The secretariat's upload form, absent for everyone else. */ upload?: UploadState | null }) {
  const { t, lang } = ctx;
  const title = pickLang(a.title, lang)?.values[0] ?? a.id;
  return (
    <Layout ctx={ctx} title={title} section="alliance">
      <div class="wrap">
        <PageHeading title={<LangText ctx={ctx} map={a.title} />} lead={label(ctx, 'agreementKind', a.kind)} />
        <AllianceNav ctx={ctx} alliance={view.alliance} primaryId={view.primaryId} current="agreements" />
        {upload ? (
          <p class="gov-actions">
            <a href={`/alliance/agreements/${encodeURIComponent(a.id)}/edit`}>{t('govf.agreement.edit')}</a>
          </p>
        ) : null}
        <dl class="gov-facts">
          <dt>{t('gov.agreement.parties')}</dt>
          <dd>
            <ul class="party-list">
              {a.parties.map((p) => (
                <li>
                  {p.kind === 'institution' && p.institutionId ? <a href={`/institutions/${encodeURIComponent(p.institutionId)}`}>{partyName(ctx, p, names)}</a> : <span dir="auto">{partyName(ctx, p, names)}</span>} ({label(ctx, 'partyKind', p.kind)})
                </li>
              ))}
            </ul>
          </dd>
          {a.signedOn || a.signedPlace ? (
            <>
              <dt>{t('gov.agreement.signed')}</dt>
              <dd>
                <DateText ctx={ctx} date={a.signedOn} />
                {a.signedOn && a.signedPlace ? ', ' : null}
                {a.signedPlace ? <span dir="auto">{a.signedPlace}</span> : null}
              </dd>
            </>
          ) : null}
          {a.startsOn || a.endsOn ? (
            <>
              <dt>{t('gov.agreement.term')}</dt>
              <dd>
                <DateText ctx={ctx} date={a.startsOn} />
                {' – '}
                {a.endsOn ? <DateText ctx={ctx} date={a.endsOn} /> : t('gov.agreement.openEnded')}
              </dd>
            </>
          ) : null}
          {a.renewal ? (
            <>
              <dt>{t('gov.agreement.renewal')}</dt>
              <dd dir="auto">{a.renewal}</dd>
            </>
          ) : null}
          {a.visibility === 'members' ? (
            <>
              <dt>{t('gov.visibility')}</dt>
              <dd>{t('gov.membersOnly')}</dd>
            </>
          ) : null}
        </dl>
        {a.scope ? (
          <section aria-labelledby="scope">
            <h2 id="scope">{t('gov.agreement.scope')}</h2>
            <ProseText text={a.scope} />
          </section>
        ) : null}
        <DocumentList ctx={ctx} documents={a.documents} />
        {upload ? <DocumentUploadForm ctx={ctx} action={`/alliance/agreements/${encodeURIComponent(a.id)}/documents`} state={upload} /> : null}
        {a.links.length ? (
          <section aria-labelledby="governs">
            <h2 id="governs">{t('gov.agreement.governs')}</h2>
            <ul class="gov-list">
              {a.links.map((l) => (
                <li>
                  {label(ctx, 'linkKind', l.kind)}:{' '}
                  {l.kind === 'record' || l.kind === 'project' ? (
                    <a href={`/${l.kind}s/${encodeURIComponent(l.id)}`}>
                      <LangText ctx={ctx} map={l.title} fallback={l.id} />
                    </a>
                  ) : l.title ? (
                    <LangText ctx={ctx} map={l.title} fallback={l.id} />
                  ) : (
                    <code>{l.id}</code>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </Layout>
  );
}

function partyName(ctx: PageContext, p: AgreementParty, names: Map<string, string>): string {
  if (p.kind === 'institution' && p.institutionId) return names.get(p.institutionId) ?? p.institutionId;
  if (p.kind === 'state' && p.country) return countryName(p.country, ctx.lang);
  return p.name ?? '';
}
