import type { Db } from '../../db/database';
import { AppError, type FieldProblem } from '../../shared/errors';
import { newId, nowIso } from '../../shared/ids';
import type { Actor } from '../accounts/actor';
import { audit } from '../audit/audit.service';
import { requireProjectEdit } from './project.policy';
import { projectRepository as repo } from './project.repository';
import { PARTNER_ROLES, type PartnerRole } from './project.table';
import { assertValid, coordinateField, countryField, enumField, textField } from './project.validate';
import { getProject, visibleProject, type Project } from './project.service';

/**
 * A partner: an institution of the alliance (its country is taken from it unless given) or a state
 * or other body named in words (`name` and `countryCode` required).
 */
export interface PartnerInput {
  institutionId?: string | null;
  countryCode?: string;
  role: PartnerRole;
  name?: string | null;
}

/** A place the project works at; coordinates put it on the map. */
export interface SiteInput {
  name: string;
  countryCode: string;
  lat?: number | null;
  lon?: number | null;
}

const MAX_PARTNERS = 200;
const MAX_SITES = 200;

/** Adds a partner (the lead institution's staff); refuses a second lead and an institution already a partner in that role. */
export async function addPartner(db: Db, actor: Actor, projectId: string, input: PartnerInput): Promise<Project> {
  const { row, facts } = await visibleProject(db, actor, projectId);
  requireProjectEdit(actor, facts, true);
  await addPartnerRows(db, projectId, [input], 'partner');
  await audit(db, actor, [{ action: 'project.partner.add', targetType: 'project', targetId: projectId, institutionId: row.owner_institution_id, detail: { institutionId: input.institutionId ?? null, role: input.role } }]);
  return getProject(db, actor, projectId);
}

/** Removes a partner (the lead institution's staff); the lead itself stays. */
export async function removePartner(db: Db, actor: Actor, projectId: string, partnerId: string): Promise<Project> {
  const { row, facts } = await visibleProject(db, actor, projectId);
  requireProjectEdit(actor, facts, true);
  const partner = (await repo.partners(db, [projectId])).find((p) => p.id === partnerId);
  if (!partner) throw new AppError('NOT_FOUND', `No partner "${partnerId}" in this project`);
  if (partner.role === 'lead' && partner.institution_id === row.owner_institution_id) throw new AppError('CONFLICT', 'The lead institution cannot be removed from its project');
  await repo.deletePartner(db, projectId, partnerId);
  await audit(db, actor, [{ action: 'project.partner.remove', targetType: 'project', targetId: projectId, institutionId: row.owner_institution_id, detail: { partnerId } }]);
  return getProject(db, actor, projectId);
}

/** Adds a site (partners' staff). */
export async function addSite(db: Db, actor: Actor, projectId: string, input: SiteInput): Promise<Project> {
  const { facts } = await visibleProject(db, actor, projectId);
  requireProjectEdit(actor, facts);
  await addSiteRows(db, projectId, [input], 'site');
  return getProject(db, actor, projectId);
}

/** Removes a site (partners' staff). */
export async function removeSite(db: Db, actor: Actor, projectId: string, siteId: string): Promise<Project> {
  const { facts } = await visibleProject(db, actor, projectId);
  requireProjectEdit(actor, facts);
  if (!(await repo.deleteSite(db, projectId, siteId))) throw new AppError('NOT_FOUND', `No site "${siteId}" in this project`);
  return getProject(db, actor, projectId);
}

/** Checks and inserts partners; problems name `field/i/...`. */
export async function addPartnerRows(db: Db, projectId: string, inputs: PartnerInput[], field: string): Promise<void> {
  const problems: FieldProblem[] = [];
  const existing = await repo.partners(db, [projectId]);
  if (existing.length + inputs.length > MAX_PARTNERS) problems.push({ field, message: `a project has at most ${MAX_PARTNERS} partners` });
  const rows = [];
  const seen = new Set(existing.map((p) => `${p.institution_id ?? p.name}|${p.role}`));
  let leads = existing.filter((p) => p.role === 'lead').length;
  for (const [i, input] of inputs.entries()) {
    const at = inputs.length > 1 || field === 'partners' ? `${field}/${i}` : field;
    const role = enumField(input?.role, PARTNER_ROLES, `${at}/role`, problems);
    const instId = typeof input?.institutionId === 'string' && input.institutionId.trim() ? input.institutionId.trim() : null;
    const name = textField(input?.name, `${at}/name`, problems, { max: 200 }) || null;
    let country = input?.countryCode ? countryField(input.countryCode, `${at}/countryCode`, problems) : '';
    if (instId) {
      const inst = await db.selectFrom('institution').select(['id', 'country']).where('id', '=', instId).where('deleted_at', 'is', null).executeTakeFirst();
      if (!inst) problems.push({ field: `${at}/institutionId`, message: 'is not an institution of the alliance' });
      else if (!country) country = inst.country;
    } else {
      if (!name) problems.push({ field: `${at}/name`, message: 'is required for a partner that is not an institution of the alliance' });
      if (!country) problems.push({ field: `${at}/countryCode`, message: 'is required for a partner that is not an institution of the alliance' });
    }
    const key = `${instId ?? name}|${role}`;
    if (seen.has(key)) problems.push({ field: at, message: 'is already a partner in this role' });
    seen.add(key);
    if (role === 'lead' && ++leads > 1) problems.push({ field: `${at}/role`, message: 'the project has a lead already' });
    rows.push({ id: newId('ppt'), project_id: projectId, institution_id: instId, country_code: country, role, name: instId ? null : name, created_at: nowIso() });
  }
  assertValid(problems, 'partner');
  for (const r of rows) await repo.insertPartner(db, r);
}

/** Checks and inserts sites. */
export async function addSiteRows(db: Db, projectId: string, inputs: SiteInput[], field: string): Promise<void> {
  const problems: FieldProblem[] = [];
  if (inputs.length > MAX_SITES || (await repo.sitesOf(db, projectId)).length + inputs.length > MAX_SITES) problems.push({ field, message: `a project has at most ${MAX_SITES} sites` });
  const rows = inputs.map((input, i) => {
    const at = inputs.length > 1 || field === 'sites' ? `${field}/${i}` : field;
    return {
      id: newId('pst'),
      project_id: projectId,
      name: textField(input?.name, `${at}/name`, problems, { required: true, max: 200 }),
      country_code: countryField(input?.countryCode, `${at}/countryCode`, problems),
      lat: coordinateField(input?.lat, `${at}/lat`, 90, problems),
      lon: coordinateField(input?.lon, `${at}/lon`, 180, problems),
      created_at: nowIso(),
    };
  });
  for (const [i, r] of rows.entries()) if ((r.lat === null) !== (r.lon === null)) problems.push({ field: `${inputs.length > 1 || field === 'sites' ? `${field}/${i}` : field}/lon`, message: 'give both latitude and longitude, or neither' });
  assertValid(problems, 'site');
  for (const r of rows) await repo.insertSite(db, r);
}
