// Worker threads start in plain Node: register the TypeScript loader, then run the harvesting client.
import { register } from 'tsx/esm/api';

register();
await import('./oai-harvest.worker.ts');
