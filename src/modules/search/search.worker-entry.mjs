// Worker threads start in plain Node: register the TypeScript loader, then run the search thread.
import { register } from 'tsx/esm/api';

register();
await import('./search.worker.ts');
