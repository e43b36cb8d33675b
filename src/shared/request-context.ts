import type { Actor } from '../modules/accounts/actor';
import type { Store } from '../modules/records/record.store';
import type { Config } from '../config/config';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is acting, resolved from the API token or the session; the public when neither. */
    actor: Actor;
  }
}

/** What every module plugin receives when it is registered. */
export interface ModuleOptions {
  store: Store;
  config: Config;
}
