import type { Db } from '../../db/database';
import { ID_REGEX } from '../../shared/ids';
import { OAI_DC_FORMAT } from './oai-dc';
import { LIDO_FORMAT, LIDO_KINDS } from './oai-lido';
import { MARC_KINDS, MARCXML_FORMAT } from './oai-marc';

/** Everything the provider needs to answer: the database, where it lives and how it pages. */
export interface OaiContext {
  db: Db;
  /** The base URL of the repository (`${publicUrl}/oai`). */
  baseUrl: string;
  publicUrl: string;
  repositoryName: string;
  adminEmail: string;
  /** The signing key of resumption tokens. */
  secret: () => Promise<Buffer>;
  pageSize: number;
  now?: () => Date;
}

/** A metadata format the provider disseminates, and the kinds of record it can express (all when absent). */
export interface OaiFormat {
  metadataPrefix: string;
  schema: string;
  metadataNamespace: string;
  kinds?: readonly string[];
}

/** The formats offered: oai_dc for every record, marcxml and lido for the kinds they can express. */
export const OAI_FORMATS: Record<string, OaiFormat> = {
  oai_dc: OAI_DC_FORMAT,
  marcxml: { ...MARCXML_FORMAT, kinds: MARC_KINDS },
  lido: { ...LIDO_FORMAT, kinds: LIDO_KINDS },
};

/** The repository identifier of oai-identifiers: the host of the public URL. */
export function repositoryIdentifier(publicUrl: string): string {
  return new URL(publicUrl).hostname;
}

/** The oai-identifier of a record. */
export function oaiIdentifier(publicUrl: string, recordId: string): string {
  return `oai:${repositoryIdentifier(publicUrl)}:${recordId}`;
}

/** The record id an oai-identifier names, or null when it is not one of this repository's. */
export function recordIdOf(publicUrl: string, identifier: string): string | null {
  const prefix = `oai:${repositoryIdentifier(publicUrl)}:`;
  if (!identifier.startsWith(prefix)) return null;
  const id = identifier.slice(prefix.length);
  return ID_REGEX.test(id) ? id : null;
}
