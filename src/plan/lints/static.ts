import type { Lint } from './types';

/** Lints that need only the desired state (run by `validate` and `plan`). */
export const staticLints: Lint[] = [];
