// Worker threads start in plain Node: register the TypeScript loader, then run the reading thread.
import { register } from 'tsx/esm/api';

register();
await import('./import.read-thread.worker.ts');
