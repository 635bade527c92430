// A forked process does not get tsx's loader from a parent started through vitest or tsx: register it, then load the child.
import { register } from 'tsx/esm/api';

register();
await import('./pool-child.ts');
