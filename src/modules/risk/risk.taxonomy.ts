/**
 * The UNESCO World Heritage list of factors affecting properties (State of Conservation
 * Information System): the primary factors, each with its secondary factors.
 */
export const RISK_FACTORS = {
  buildings: ['housing', 'commercial', 'industrial', 'accommodation', 'visitor-facilities'],
  transport: ['ground', 'air', 'marine', 'use-effects', 'underground'],
  utilities: ['water', 'renewable-energy', 'non-renewable-energy', 'localised', 'linear'],
  pollution: ['marine', 'ground-water', 'surface-water', 'air', 'solid-waste', 'excess-energy'],
  biological: ['fishing', 'aquaculture', 'land-conversion', 'livestock', 'crops', 'wild-plants', 'hunting', 'forestry'],
  extraction: ['mining', 'quarrying', 'oil-gas', 'water'],
  'local-conditions': ['wind', 'humidity', 'temperature', 'light', 'dust', 'water', 'pests', 'micro-organisms'],
  social: ['ritual', 'valuing', 'traditional-use', 'way-of-life', 'identity', 'tourism'],
  human: ['illegal', 'destruction', 'military-training', 'war', 'terrorism', 'civil-unrest'],
  climate: ['storms', 'flooding', 'drought', 'desertification', 'oceans', 'temperature', 'other'],
  sudden: ['volcano', 'earthquake', 'tsunami', 'landslide', 'erosion', 'fire'],
  invasive: ['translocated', 'terrestrial', 'freshwater', 'marine', 'hyper-abundant', 'modified-genetic'],
  management: ['research-low', 'research-high', 'management-activities', 'governance', 'legal', 'management-system', 'finance', 'human-resources'],
  other: [],
} as const satisfies Record<string, readonly string[]>;

export type PrimaryFactor = keyof typeof RISK_FACTORS;
export const PRIMARY_FACTORS = Object.keys(RISK_FACTORS) as PrimaryFactor[];

export const CONDITIONS = ['good', 'fair', 'poor', 'critical'] as const;
export const TRENDS = ['improving', 'stable', 'declining'] as const;
export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type Condition = (typeof CONDITIONS)[number];
export type Trend = (typeof TRENDS)[number];
export type Priority = (typeof PRIORITIES)[number];

/** True for a primary factor of the list. */
export function isPrimaryFactor(value: string): value is PrimaryFactor {
  return Object.prototype.hasOwnProperty.call(RISK_FACTORS, value);
}

/** True when `secondary` is one of `primary`'s secondary factors. */
export function isSecondaryOf(primary: PrimaryFactor, secondary: string): boolean {
  return (RISK_FACTORS[primary] as readonly string[]).includes(secondary);
}

/** The message key of a factor's label (`risk.factor.sudden`, `risk.factor.sudden.earthquake`). */
export function factorKey(primary: string, secondary?: string | null): string {
  return secondary ? `risk.factor.${primary}.${secondary}` : `risk.factor.${primary}`;
}
