import type { PageContext } from '../pages/context';
import { Layout } from '../pages/layout';
import { PageHeading } from '../pages/components';
import { FormNotice, SelectField } from '../pages/forms';
import type { FormOutcome } from '../accounts/sign-in.pages';
import { ImportsNav } from './import.pages';
import type { SavedMapping } from './mapping.service';

export interface MappingsPageData {
  mappings: SavedMapping[];
  /** Names of institutions by id, in the page's language. */
  institutionNames: Map<string, string>;
  notice?: string | null;
}

/** The saved column mappings of the curator's institutions, with a link to make a new one. */
export function MappingsPage({ ctx, data }: { ctx: PageContext; data: MappingsPageData }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('mappings.title')} section="admin">
      <div class="wrap">
        <ImportsNav ctx={ctx} current="mappings" />
        <PageHeading title={t('mappings.title')} lead={t('mappings.lead')} />
        {data.notice ? <FormNotice ctx={ctx} kind="success" message={data.notice} /> : null}
        <p>
          <a href="/imports/mappings/new">{t('mappings.new')}</a>
        </p>
        {data.mappings.length ? (
          <table class="data-table">
            <caption class="visually-hidden">{t('mappings.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mappings.name')}</th>
                <th scope="col">{t('imports.institution')}</th>
                <th scope="col">{t('mappings.columnCount')}</th>
                <th scope="col">{t('mappings.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {data.mappings.map((m) => (
                <tr>
                  <th scope="row">
                    <a href={`/imports/mappings/${encodeURIComponent(m.id)}`} dir="auto">
                      {m.name}
                    </a>
                  </th>
                  <td>{data.institutionNames.get(m.institutionId) ?? m.institutionId}</td>
                  <td>{Object.keys(m.mapping.columns).length}</td>
                  <td>
                    <time datetime={m.updatedAt}>{m.updatedAt.slice(0, 16).replace('T', ' ')}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="empty">{t('mappings.none')}</p>
        )}
      </div>
    </Layout>
  );
}

export interface SampleFormData {
  /** Where the sample form posts (with the CSRF token in the URL: it is a file upload). */
  action: string;
  /** Institutions to choose from for a new mapping; absent when editing one. */
  institutions?: { id: string; name: string }[];
  institutionId?: string;
  pasted?: string;
}

/** The form that reads a sample file (or pasted lines) so the editor can suggest a target for each column. */
export function SampleForm({ ctx, data }: { ctx: PageContext; data: SampleFormData }) {
  const { t } = ctx;
  return (
    <form class="form-card" method="post" action={data.action} enctype="multipart/form-data">
      <h2>{t('mappings.sampleTitle')}</h2>
      <p class="hint">{t('mappings.sampleHint')}</p>
      {data.institutions ? (
        <SelectField id="mapping-institution" name="institution" label={t('imports.institution')} options={data.institutions.map((i) => ({ value: i.id, label: i.name }))} value={data.institutionId ?? data.institutions[0]?.id} />
      ) : null}
      <div class="field">
        <label for="mapping-sample-file">{t('mappings.sampleFile')}</label>
        <input id="mapping-sample-file" type="file" name="sample" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values" />
      </div>
      <div class="field">
        <label for="mapping-sample-text">{t('mappings.samplePaste')}</label>
        <textarea id="mapping-sample-text" name="pasted" rows={6} cols={60} dir="auto" maxlength={65536}>
          {data.pasted ?? ''}
        </textarea>
      </div>
      <button type="submit">{t('mappings.readSample')}</button>
    </form>
  );
}

export interface MappingNewPageData extends SampleFormData {
  error?: FormOutcome | null;
}

/** The first step of a new mapping: the institution and a sample of the file. */
export function MappingNewPage({ ctx, data }: { ctx: PageContext; data: MappingNewPageData }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('mappings.newTitle')} section="admin">
      <div class="wrap">
        <ImportsNav ctx={ctx} current="mappings" />
        <PageHeading title={t('mappings.newTitle')} lead={t('mappings.newLead')} />
        {data.error ? <FormNotice ctx={ctx} kind="error" message={data.error.message} detail={data.error.detail} problems={data.error.problems} /> : null}
        {data.institutions?.length ? <SampleForm ctx={ctx} data={data} /> : <p class="empty">{t('imports.noInstitution')}</p>}
      </div>
    </Layout>
  );
}
