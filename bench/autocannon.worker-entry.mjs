// Worker threads start in plain Node: register the TypeScript loader, then run the load generator.
import { register } from 'tsx/esm/api';

register();
await import('./autocannon.worker.ts');
