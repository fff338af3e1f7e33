import { createRng, pick, type Rng } from './rng';

const ALNUM = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const URL_SAFE = ALNUM + '-_';
const HEX = '0123456789abcdef';
/** Okta ids end with a per-cell suffix (e.g. "1d7", "4x6"); ours marks the sandbox. */
const CELL = '5b7';

/**
 * Okta-style identifiers: 20 characters, a 3-character type prefix (0oa app, 00g group, 00u user,
 * prm mapping, oty user type, gPm push mapping), random body, cell suffix. Deterministic per seed:
 * seeded objects draw from one stream, runtime ids (request ids, error ids) from another.
 */
export class IdSource {
  private readonly objects: Rng;
  private readonly runtime: Rng;
  private readonly used = new Set<string>();

  constructor(seed: number) {
    this.objects = createRng(seed);
    this.runtime = createRng(seed ^ 0x5bd1e995);
  }

  next(prefix: string): string {
    for (;;) {
      const id = prefix + pick(this.objects, ALNUM, 20 - prefix.length - CELL.length) + CELL;
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }

  reserve(id: string): void {
    this.used.add(id);
  }

  /** X-Okta-Request-Id: 32 lowercase hex characters, as in 2025–2026 recordings. */
  requestId(): string {
    return pick(this.runtime, HEX, 32);
  }

  /** errorId: "oae" + 22 URL-safe characters (recorded Okta responses). */
  errorId(): string {
    return 'oae' + pick(this.runtime, URL_SAFE, 22);
  }

  uuid(): string {
    const h = pick(this.runtime, HEX, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  token(length = 42): string {
    return pick(this.runtime, URL_SAFE, length);
  }
}

/** Okta v1 timestamps: ISO-8601 UTC, milliseconds always ".000" (recordings README). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}
