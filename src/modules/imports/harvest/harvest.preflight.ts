import { AppError } from '../../../shared/errors';
import type { Actor } from '../../accounts/actor';
import { can, hasScope } from '../../accounts/policy';
import type { Store } from '../../records/record.store';
import { RetryableJobError } from '../../jobs/job.types';
import { readerForPrefix } from './harvest.items';
import { HarvestError, oaiGet } from './oai.fetch';
import { collectionUrl, newestChange } from './discovery.client';
import { parseIdentify, parseMetadataFormats } from './oai.response';
import { registerSource, type HarvestCaller, type HarvestSource, type HarvestSourceInput } from './harvest.service';

/** How long the check of a new source may take before it is refused (a person is waiting). */
const PREFLIGHT_TIMEOUT_MS = 20_000;

/**
 * Registers a source given through the web after asking the endpoint Identify and ListMetadataFormats;
 * the rights of the actor are checked before the endpoint is contacted.
 */
export async function registerCheckedSource(store: Store, actor: Actor, caller: HarvestCaller, input: HarvestSourceInput): Promise<HarvestSource> {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in to harvest');
  if (!hasScope(actor, 'import')) throw new AppError('FORBIDDEN', 'Your token lacks the "import" scope');
  if (!can({ ...actor, scopes: undefined }, 'edit', { institutionId: input.institutionId })) throw new AppError('FORBIDDEN', `You may not harvest records into institution "${input.institutionId}"`);
  const allowPrivate = caller.trusted === true || caller.config.harvestAllowPrivate;
  if (input.protocol === 'iiif-discovery') await checkStream({ baseUrl: input.baseUrl, allowPrivate });
  else await checkEndpoint({ baseUrl: input.baseUrl, metadataPrefix: input.metadataPrefix, allowPrivate });
  return registerSource(store, actor, caller, input);
}

/**
 * Asks an endpoint Identify and ListMetadataFormats before it is registered through the web, so a
 * wrong URL or a format the repository does not offer is refused at once, saying why. Private and
 * loopback addresses are refused unless allowed (the fetcher checks every address it connects to).
 */
export async function checkEndpoint(input: { baseUrl: string; metadataPrefix?: string; allowPrivate: boolean }): Promise<{ repositoryName: string }> {
  let base: URL;
  try {
    base = new URL(input.baseUrl);
  } catch {
    throw invalid('baseUrl', `"${input.baseUrl}" is not an absolute URL`);
  }
  if (base.search || base.hash) throw invalid('baseUrl', 'an OAI-PMH base URL has no query or fragment (the harvester adds ?verb=...)');
  const prefix = (input.metadataPrefix ?? 'oai_dc').trim() || 'oai_dc';
  readerForPrefix(prefix);
  const get = (verb: string) => {
    const url = new URL(base);
    url.searchParams.set('verb', verb);
    return url;
  };
  const policy = { allowPrivate: input.allowPrivate, maxAttempts: 1, timeoutMs: PREFLIGHT_TIMEOUT_MS / 2 };
  const signal = AbortSignal.timeout(PREFLIGHT_TIMEOUT_MS);
  try {
    const identity = await parseIdentify(await oaiGet(get('Identify'), policy, signal), input.baseUrl);
    const formats = await parseMetadataFormats(await oaiGet(get('ListMetadataFormats'), policy, signal), input.baseUrl);
    if (!formats.includes(prefix)) throw invalid('metadataPrefix', `${identity.repositoryName || input.baseUrl} does not offer "${prefix}"; it offers ${formats.join(', ') || 'none'}`);
    return { repositoryName: identity.repositoryName };
  } catch (e) {
    if (e instanceof HarvestError || e instanceof RetryableJobError) throw invalid('baseUrl', e.message);
    if (signal.aborted) throw invalid('baseUrl', `${base.host} did not answer within ${PREFLIGHT_TIMEOUT_MS / 1000} s`);
    throw e;
  }
}

/** Reads a member node's IIIF Change Discovery collection and its last page before it is registered. */
export async function checkStream(input: { baseUrl: string; allowPrivate: boolean }): Promise<void> {
  let collection: URL;
  try {
    collection = collectionUrl(input.baseUrl);
  } catch {
    throw invalid('baseUrl', `"${input.baseUrl}" is not an absolute URL`);
  }
  const signal = AbortSignal.timeout(PREFLIGHT_TIMEOUT_MS);
  try {
    await newestChange(collection, { allowPrivate: input.allowPrivate, maxAttempts: 1, timeoutMs: PREFLIGHT_TIMEOUT_MS / 2 }, signal);
  } catch (e) {
    if (e instanceof HarvestError || e instanceof RetryableJobError) throw invalid('baseUrl', e.message);
    if (signal.aborted) throw invalid('baseUrl', `${collection.host} did not answer within ${PREFLIGHT_TIMEOUT_MS / 1000} s`);
    throw e;
  }
}

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `The harvest source was not added: ${field} ${message}`, { problems: [{ field, message }] });
}
