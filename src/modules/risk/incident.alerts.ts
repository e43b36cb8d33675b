import type { Db } from '../../db/database';
import type { Actor } from '../accounts/actor';
import { notify } from '../notifications/notification.service';
import { haversineKm } from './help-match';
import { areaBox, areaCentre, type IncidentArea } from './incident';

/** Institutions this close to an incident's area hear of it. */
export const ALERT_RADIUS_KM = 500;

/**
 * Tells the staff of member institutions in the incident's region — within 500 km of its area, or
 * in the coordinating institution's country — that it was reported (in the caller's transaction).
 */
export async function alertNewIncident(db: Db, actor: Actor, incident: { id: string; title: string; institutionId: string; area: IncidentArea | null }): Promise<void> {
  const institutions = await db.selectFrom('institution').select(['id', 'country', 'lat', 'lon']).execute();
  const country = institutions.find((i) => i.id === incident.institutionId)?.country;
  const centre = incident.area ? areaCentre(incident.area) : null;
  const box = incident.area ? areaBox(incident.area) : null;
  const reach = box ? haversineKm(box.minLat, box.minLon, box.maxLat, box.maxLon) / 2 : 0;
  const near = institutions
    .filter((i) => i.country === country || (centre && i.lat !== null && i.lon !== null && haversineKm(centre.lat, centre.lon, i.lat, i.lon) <= ALERT_RADIUS_KM + reach))
    .map((i) => i.id);
  await notify(db, { userIds: await staffOf(db, near, actor), kind: 'risk.incident', link: `/risk/incidents/${encodeURIComponent(incident.id)}`, message: { key: 'risk.notify.incident', params: { title: incident.title } } });
}

/** Tells a record's institution that the record was linked to an incident as affected. */
export async function alertLinkedRecord(db: Db, actor: Actor, incident: { id: string; title: string }, institutionId: string): Promise<void> {
  await notify(db, { userIds: await staffOf(db, [institutionId], actor), kind: 'risk.affected', link: `/risk/incidents/${encodeURIComponent(incident.id)}`, message: { key: 'risk.notify.linked', params: { title: incident.title } } });
}

async function staffOf(db: Db, institutionIds: string[], actor: Actor): Promise<string[]> {
  if (!institutionIds.length) return [];
  const rows = await db
    .selectFrom('user_institution')
    .innerJoin('app_user', 'app_user.id', 'user_institution.user_id')
    .select('user_institution.user_id')
    .where('user_institution.institution_id', 'in', institutionIds)
    .where('app_user.disabled_at', 'is', null)
    .execute();
  // The one who acted knows already.
  return [...new Set(rows.map((r) => r.user_id))].filter((id) => actor.kind !== 'user' || id !== actor.userId);
}
