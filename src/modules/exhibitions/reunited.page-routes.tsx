import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { contentSecurityPolicy } from '../../shared/csp';
import { AppError, validationError } from '../../shared/errors';
import { isUiLanguage } from '../../shared/i18n/i18n';
import { pickLang } from '../../shared/lang-map';
import type { ModuleOptions } from '../../shared/request-context';
import { toSignIn } from '../accounts/account.page-routes';
import { formOutcome, formString } from '../accounts/form-outcome';
import { can } from '../accounts/policy';
import { pageContext, type PageContext } from '../pages/context';
import { allInstitutions } from '../pages/pages.data';
import { sendPage } from '../pages/send-page';
import type { FormFailure } from './exhibition.editor';
import { formOf, inputOf, type ReunitedFormValues } from './reunited.form';
import { ReunitedFormPage } from './reunited.form-page';
import { loadFragments } from './reunited.iiif';
import { ReunitedPage } from './reunited.pages';
import { createReunited, getReunited, mayEditReunited, updateReunited } from './reunited.service';

type IdParams = { Params: { id: string } };
const FIELDS: (keyof ReunitedFormValues)[] = ['institutionId', 'lang', 'title', 'summary', 'fragments', 'history'];

/** `/reunited/:id`, and the form that gathers or changes a reunited work (post/redirect/get). */
export const reunitedPageRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { store, config }) => {
  const editable = async (request: FastifyRequest, ctx: PageContext) =>
    (await allInstitutions(store, ctx.lang)).filter((i) => can(request.actor, 'edit', { institutionId: i.id })).map((i) => ({ id: i.id, name: pickLang(i.name, ctx.lang)?.values[0] ?? i.id }));
  const posted = (body: unknown, ctx: PageContext): ReunitedFormValues => {
    const v = Object.fromEntries(FIELDS.map((k) => [k, formString(body, k)])) as unknown as ReunitedFormValues;
    return { ...v, lang: isUiLanguage(v.lang) ? v.lang : ctx.lang };
  };
  const failed = (ctx: PageContext, err: unknown, values: ReunitedFormValues): { status: number; failure: FormFailure } => {
    const { status, outcome } = formOutcome(ctx, err);
    const message = err instanceof AppError && err.code === 'VALIDATION_FAILED' ? ctx.t('exEditor.invalid') : outcome.message;
    return { status, failure: { form: 'reunited', message, detail: outcome.detail, problems: outcome.problems ?? [], values: { ...values } } };
  };

  app.get('/reunited/new', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const values: ReunitedFormValues = { institutionId: '', lang: ctx.lang, title: '', summary: '', fragments: '', history: '' };
    return sendPage(reply, <ReunitedFormPage ctx={ctx} action="/reunited/new" values={values} institutions={await editable(request, ctx)} failure={null} title={ctx.t('reunited.new')} />);
  });

  app.post('/reunited/new', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const values = posted(request.body, ctx);
    try {
      const { input, problems } = inputOf(values, null);
      if (problems.length) throw validationError(problems, 'reunited work');
      const work = await createReunited(store, request.actor, input);
      return reply.redirect(`/reunited/${encodeURIComponent(work.id)}`, 303);
    } catch (err) {
      const { status, failure } = failed(ctx, err, values);
      return sendPage(reply, <ReunitedFormPage ctx={ctx} action="/reunited/new" values={values} institutions={await editable(request, ctx)} failure={failure} title={ctx.t('reunited.new')} />, status);
    }
  });

  app.get<IdParams>('/reunited/:id/edit', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const work = await getReunited(store, request.actor, request.params.id);
    if (!mayEditReunited(request.actor, work)) throw new AppError('FORBIDDEN', 'Only curators of the institution that keeps this reunited work may change it');
    const asked = formString(request.query, 'in');
    const action = `/reunited/${encodeURIComponent(work.id)}/edit`;
    return sendPage(reply, <ReunitedFormPage ctx={ctx} action={action} values={formOf(work, isUiLanguage(asked) ? asked : ctx.lang)} institutions={null} failure={null} title={ctx.t('reunited.edit')} />);
  });

  app.post<IdParams>('/reunited/:id/edit', async (request, reply) => {
    if (!request.session) return toSignIn(request, reply);
    const ctx = pageContext(request, reply);
    const work = await getReunited(store, request.actor, request.params.id);
    const values = posted(request.body, ctx);
    const action = `/reunited/${encodeURIComponent(work.id)}/edit`;
    try {
      const { input, problems } = inputOf(values, work);
      if (problems.length) throw validationError(problems, 'reunited work');
      await updateReunited(store, request.actor, work.id, input);
      return reply.redirect(`/reunited/${encodeURIComponent(work.id)}`, 303);
    } catch (err) {
      const { status, failure } = failed(ctx, err, values);
      return sendPage(reply, <ReunitedFormPage ctx={ctx} action={action} values={values} institutions={null} failure={failure} title={ctx.t('reunited.edit')} />, status);
    }
  });

  app.get<IdParams>('/reunited/:id', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const work = await getReunited(store, request.actor, request.params.id);
    const fragments = await loadFragments(store, request.actor, work, config.publicUrl);
    // Fragments kept elsewhere load from their holders' image servers: this page's policy allows those origins.
    const remote = [...new Set(fragments.filter((f) => !f.media.length && f.fragment.imageService).map((f) => new URL(f.fragment.imageService!).origin))];
    if (remote.length) reply.header('content-security-policy', contentSecurityPolicy(remote));
    return sendPage(reply, <ReunitedPage ctx={ctx} work={work} fragments={fragments} canEdit={mayEditReunited(request.actor, work)} />);
  });
};
