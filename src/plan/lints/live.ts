import type { Lint } from './types';

/** Lints that need the live slice of the org (run by `plan` only). */
export const liveLints: Lint[] = [];
