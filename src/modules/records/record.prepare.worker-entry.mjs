// Worker threads start in plain Node: register the TypeScript loader, then run the preparation thread.
import { register } from 'tsx/esm/api';

register();
await import('./record.prepare.worker.ts');
