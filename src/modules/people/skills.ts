/** The controlled list of expert skills; labels are in the people catalogue under `people.skill.<code>`. */
export const SKILLS = [
  'conservation-paper',
  'conservation-textile',
  'conservation-wall-painting',
  'conservation-wood',
  'conservation-metal',
  'conservation-stone',
  'archaeology',
  'architecture-restoration',
  'heritage-science',
  'digitisation',
  'cataloguing',
  'rare-books',
  'site-management',
  'emergency-response',
  'museum-education',
  'exhibition-design',
] as const;
export type Skill = (typeof SKILLS)[number];

export const AVAILABILITIES = ['available', 'limited', 'unavailable'] as const;
export type Availability = (typeof AVAILABILITIES)[number];
