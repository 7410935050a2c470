// Entry of the Node worker thread: teaches this thread TypeScript (tsx), then runs the helper.
import { register } from 'tsx/esm/api';

register();
await import('./stepHelper.node.ts');
