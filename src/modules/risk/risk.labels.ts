import type { MessageKey } from '../../shared/i18n/i18n';
import type { PageContext } from '../pages/context';
import { factorKey, PRIMARY_FACTORS, RISK_FACTORS } from './risk.taxonomy';

/** The label of a factor: the secondary's when given, else the primary's. */
export function factorLabel(ctx: PageContext, primary: string, secondary?: string | null): string {
  return ctx.t(factorKey(primary, secondary) as MessageKey);
}

/** A threat as one line: "Primary › Secondary". */
export function threatLabel(ctx: PageContext, primary: string, secondary: string | null): string {
  return secondary ? `${factorLabel(ctx, primary)} › ${factorLabel(ctx, primary, secondary)}` : factorLabel(ctx, primary);
}

/** The factor choices of a select, grouped by primary factor: the primary alone (`primary`) then each secondary (`primary.secondary`). */
export function factorGroups(ctx: PageContext): { label: string; options: { value: string; label: string }[] }[] {
  return PRIMARY_FACTORS.map((p) => ({
    label: factorLabel(ctx, p),
    options: [
      { value: p, label: ctx.t('risk.site.factorGeneral', { factor: factorLabel(ctx, p) }) },
      ...(RISK_FACTORS[p] as readonly string[]).map((s) => ({ value: `${p}.${s}`, label: factorLabel(ctx, p, s) })),
    ],
  }));
}

/** The label of a condition, trend or priority value. */
export function levelLabel(ctx: PageContext, kind: 'condition' | 'trend' | 'priority', value: string): string {
  return ctx.t(`risk.${kind}.${value}` as MessageKey);
}
