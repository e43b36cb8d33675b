import { t, type MessageKey } from '../../shared/i18n/i18n';
import { isOpenRights } from '../records/record.derive';

const STATEMENTS = ['InC', 'InC-OW-EU', 'InC-EDU', 'InC-NC', 'InC-RUU', 'NoC-CR', 'NoC-NC', 'NoC-OKLR', 'NoC-US', 'CNE', 'UND', 'NKC'];

/** What a rights URI means, for people: a licence or statement label and whether reuse is open. */
export interface RightsLabel {
  label: string;
  /** A short code shown as a badge ("CC BY 4.0", "CC0", "InC"). */
  code: string | null;
  open: boolean;
  href: string | null;
}

/** Labels a Creative Commons licence, a public-domain tool or a rightsstatements.org statement; anything else as a plain statement. */
export function rightsLabel(lang: string, uri: string | null | undefined): RightsLabel | null {
  if (!uri) return null;
  const open = isOpenRights(uri);
  const href = /^https?:\/\//i.test(uri) ? uri : null;
  const u = uri.replace(/^https?:\/\//i, '').replace(/^www\./, '');
  if (/^creativecommons\.org\/publicdomain\/zero\//.test(u)) return { label: t(lang, 'rights.cc0'), code: 'CC0', open, href };
  if (/^creativecommons\.org\/publicdomain\/mark\//.test(u)) return { label: t(lang, 'rights.pdm'), code: 'PDM', open, href };
  const cc = /^creativecommons\.org\/licenses\/([a-z-]+)\/([\d.]+)/.exec(u);
  if (cc) {
    const code = `CC ${cc[1].toUpperCase()} ${cc[2]}`;
    return { label: t(lang, 'rights.cc', { code: cc[1].toUpperCase(), version: cc[2] }), code, open, href };
  }
  const rs = /^rightsstatements\.org\/(?:vocab|page)\/([A-Za-z-]+?)\/[\d.]+/.exec(u);
  if (rs && STATEMENTS.includes(rs[1])) return { label: t(lang, `rights.${rs[1]}` as MessageKey), code: rs[1], open, href };
  return { label: t(lang, 'rights.other'), code: null, open, href };
}
