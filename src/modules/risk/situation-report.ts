import { csvLine } from '../exports/export.formats';
import type { Assessment } from './assessment.service';
import type { Incident } from './incident.service';
import { firstText } from '../../shared/lang-map';

const HEADERS = ['incident', 'record_id', 'site', 'assessment_id', 'status', 'assessed_on', 'assessor', 'damage_types', 'extent', 'severity', 'stability', 'urgent_actions', 'notes', 'photos', 'submitted_at'];

/** The CSV of an incident's assessments (one line each, formulas neutralised by the shared cell writer). */
export function assessmentsCsv(incident: Incident, assessments: Assessment[]): string {
  const title = (id: string) => firstText(incident.sites.find((s) => s.recordId === id)?.title, 'en', id);
  return (
    csvLine(HEADERS) +
    assessments
      .map((a) =>
        csvLine([
          incident.id,
          a.recordId,
          title(a.recordId),
          a.id,
          a.status,
          a.assessedOn,
          a.assessor,
          a.damageTypes.join('; '),
          a.extent,
          a.severity,
          a.stability,
          a.urgentActions,
          a.notes,
          a.photos.length,
          a.submittedAt,
        ]),
      )
      .join('')
  );
}

/** Figures of a situation report: sites affected, assessed, and assessments by severity. */
export function situationFigures(incident: Incident, assessments: Assessment[]) {
  const submitted = assessments.filter((a) => a.status === 'submitted');
  const bySeverity = new Map<string, number>();
  // The latest assessment of each site counts.
  const latest = new Map<string, Assessment>();
  for (const a of submitted) {
    const prev = latest.get(a.recordId);
    if (!prev || (a.assessedOn ?? '') >= (prev.assessedOn ?? '')) latest.set(a.recordId, a);
  }
  for (const a of latest.values()) if (a.severity) bySeverity.set(a.severity, (bySeverity.get(a.severity) ?? 0) + 1);
  return { sites: incident.sites.length, assessedSites: latest.size, assessments: submitted.length, bySeverity, latest };
}
