/**
 * The LIDO event types (http://terminology.lido-schema.org/eventType) and how they meet the record
 * model: the actors of a making event (production, creation, designing) are its makers with their own
 * roles and its date is the record's date; the actors of any other event become agents with a role
 * that names the event ("collector", "seller (acquisition)"), its places get a role too ("find spot").
 * The OAI-PMH LIDO writer reads the same table backwards, so a record goes out and comes back alike.
 */
export interface LidoEventType {
  key: string;
  /** The LIDO Terminology concept. */
  uri: string;
  /** English label (the vocabulary's preferred label). */
  label: string;
  /** Labels and URI endings seen in published data (German portals, the older `eventType/...` URIs). */
  match: RegExp;
  /** An event whose actors made the object. */
  making?: boolean;
  /** The role of an actor the event names without a roleActor. */
  actorRole: string;
  /** Agent roles that belong to this event (when the role itself does not name it in brackets). */
  roles?: RegExp;
  /** The role of the event's places. */
  placeRole: string;
}

const T = 'http://terminology.lido-schema.org/';

/** The event types, making events first; `production` is where roles no other event claims go. */
export const LIDO_EVENT_TYPES: readonly LidoEventType[] = [
  { key: 'production', uri: `${T}lido00007`, label: 'Production', match: /^(production|production event|herstellung|hergestellt|fabrication|e12_production)$/i, making: true, actorRole: 'creator', placeRole: 'production' },
  { key: 'creation', uri: `${T}lido00012`, label: 'Creation', match: /^(creation|entstehung)$/i, making: true, actorRole: 'creator', placeRole: 'production' },
  { key: 'designing', uri: `${T}lido00224`, label: 'Designing', match: /^(design|designing|entwurf)$/i, making: true, actorRole: 'designer', placeRole: 'production' },
  { key: 'finding', uri: `${T}lido00002`, label: 'Finding', match: /^(finding|find|fund|auffindung|discovery)$/i, actorRole: 'finder', roles: /\b(finders?|discoverers?)\b/i, placeRole: 'find spot' },
  { key: 'excavation', uri: `${T}lido00033`, label: 'Excavation', match: /^(excavation|ausgrabung|grabung)$/i, actorRole: 'excavator', roles: /\bexcavat/i, placeRole: 'excavation site' },
  { key: 'collecting', uri: `${T}lido00010`, label: 'Collecting', match: /^(collecting|collection|sammeln|sammeltätigkeit|sammelereignis)$/i, actorRole: 'collector', roles: /\bcollectors?\b/i, placeRole: 'collecting place' },
  { key: 'acquisition', uri: `${T}lido00001`, label: 'Acquisition', match: /^(acquisition|erwerb|erwerbung)$/i, actorRole: 'acquisition', roles: /\b(acquisition|donors?|sellers?|vendors?|buyers?|purchasers?|lenders?)\b/i, placeRole: 'acquisition place' },
  { key: 'commissioning', uri: `${T}lido00226`, label: 'Commissioning', match: /^(commissioning|beauftragung|beauftragt|auftrag)$/i, actorRole: 'commissioner', roles: /\b(commissioners?|patrons?)\b/i, placeRole: 'commissioning place' },
  { key: 'use', uri: `${T}lido00011`, label: 'Use', match: /^(use|nutzung|benutzung|gebrauch)$/i, actorRole: 'user', roles: /^users?\b/i, placeRole: 'place of use' },
  { key: 'modification', uri: `${T}lido00006`, label: 'Modification', match: /^(modification|veränderung|umarbeitung)$/i, actorRole: 'modifier', roles: /\bmodifiers?\b/i, placeRole: 'modification place' },
  { key: 'restoration', uri: `${T}lido00034`, label: 'Restoration', match: /^(restoration|restaurierung|conservation|konservierung)$/i, actorRole: 'restorer', roles: /\b(restorers?|conservators?)\b/i, placeRole: 'restoration place' },
  { key: 'exhibition', uri: `${T}lido00225`, label: 'Exhibition', match: /^(exhibition|ausstellung)$/i, actorRole: 'exhibitor', roles: /\bexhibitors?\b/i, placeRole: 'exhibition venue' },
  { key: 'publication', uri: `${T}lido00228`, label: 'Publication', match: /^(publication|veröffentlichung|publikation)$/i, actorRole: 'publisher', roles: /\bpublishers?\b/i, placeRole: 'publication' },
  { key: 'provenance', uri: `${T}lido00227`, label: 'Provenance', match: /^(provenance|herkunft|provenienz)$/i, actorRole: 'former owner', roles: /\b(former )?owners?\b/i, placeRole: 'provenance' },
  { key: 'move', uri: `${T}lido00223`, label: 'Move', match: /^(move|ortswechsel|verlagerung)$/i, actorRole: 'move', placeRole: 'moved to' },
  { key: 'part-addition', uri: `${T}lido00008`, label: 'Part addition', match: /^part addition$/i, actorRole: 'part addition', placeRole: 'part addition' },
  { key: 'part-removal', uri: `${T}lido00021`, label: 'Part removal', match: /^part removal$/i, actorRole: 'part removal', placeRole: 'part removal' },
  { key: 'transformation', uri: `${T}lido00029`, label: 'Transformation', match: /^transformation$/i, actorRole: 'transformation', placeRole: 'transformation' },
  { key: 'destruction', uri: `${T}lido00026`, label: 'Destruction', match: /^(destruction|zerstörung)$/i, actorRole: 'destruction', placeRole: 'destruction' },
  { key: 'loss', uri: `${T}lido00009`, label: 'Loss', match: /^(loss|verlust)$/i, actorRole: 'loss', placeRole: 'place of loss' },
  { key: 'performance', uri: `${T}lido00030`, label: 'Performance', match: /^(performance|aufführung)$/i, actorRole: 'performer', roles: /\bperformers?\b/i, placeRole: 'performance venue' },
  { key: 'planning', uri: `${T}lido00032`, label: 'Planning', match: /^(planning|planung)$/i, actorRole: 'planner', roles: /\bplanners?\b/i, placeRole: 'planning' },
  { key: 'type-assignment', uri: `${T}lido00023`, label: 'Type assignment', match: /^(type assignment|bestimmung)$/i, actorRole: 'identified by', placeRole: 'type assignment' },
  { key: 'type-creation', uri: `${T}lido00013`, label: 'Type creation', match: /^type creation$/i, actorRole: 'type creation', placeRole: 'type creation' },
  { key: 'photography', uri: `${T}lido01127`, label: 'Photographic recording', match: /^(photographic recording|fotografische aufnahme|aufgenommen)$/i, actorRole: 'photographer', placeRole: 'photographed at' },
];

const BY_KEY = new Map(LIDO_EVENT_TYPES.map((t) => [t.key, t]));
const PRODUCTION = BY_KEY.get('production')!;

/** The event type a LIDO eventType names by URI (`lido00033`, `eventType/excavation`) or label, or null. */
export function eventTypeOf(term: { label: Record<string, string[]>; uri?: string } | null): LidoEventType | null {
  if (!term) return null;
  const uri = term.uri?.replace(/^https:/, 'http:').replace(/\/$/, '');
  const byUri = uri && LIDO_EVENT_TYPES.find((t) => t.uri === uri || uri === `${T}eventType/${t.key}` || uri === `${T}eventType/${t.label.toLowerCase().replace(/ /g, '_')}`);
  if (byUri) return byUri;
  const labels = Object.values(term.label).flat().map((l) => l.trim());
  return LIDO_EVENT_TYPES.find((t) => labels.some((l) => t.match.test(l) || l.toLowerCase() === t.label.toLowerCase())) ?? null;
}

/**
 * The role of an actor of a non-making event: the event's own word when LIDO gives no role, the role
 * itself when it already belongs to the event ("seller" in an acquisition), else the role with the
 * event in brackets ("Verkäufer (acquisition)").
 */
export function eventActorRole(type: LidoEventType, roleLabel: string | undefined): string {
  const role = roleLabel?.trim();
  if (!role || role.toLowerCase() === type.label.toLowerCase() || role.toLowerCase() === type.actorRole) return type.actorRole;
  if (eventOfRole(role) === type) return role;
  return `${role} (${type.label.toLowerCase()})`;
}

/** The event an agent's role belongs to (production when no other claims it), and the role as LIDO's roleActor. */
export function eventOfAgentRole(role: string): { type: LidoEventType; roleActor: string } {
  const bracket = /^(.*\S)\s*\(([^()]+)\)$/.exec(role.trim());
  const named = bracket && LIDO_EVENT_TYPES.find((t) => t.label.toLowerCase() === bracket[2].toLowerCase());
  if (named && !named.making) return { type: named, roleActor: bracket![1] };
  return { type: eventOfRole(role) ?? PRODUCTION, roleActor: role };
}

/** The event a place's role belongs to (production when none claims it). */
export function eventOfPlaceRole(role: string | undefined): LidoEventType {
  const r = role?.trim().toLowerCase();
  return (r && LIDO_EVENT_TYPES.find((t) => !t.making && (t.placeRole === r || t.key === r))) || PRODUCTION;
}

function eventOfRole(role: string): LidoEventType | null {
  const r = role.trim().toLowerCase();
  return LIDO_EVENT_TYPES.find((t) => !t.making && (t.actorRole === r || t.roles?.test(r))) ?? null;
}
