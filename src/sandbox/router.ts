import type { Handler } from './context';

export interface MethodSpec {
  /** OAuth scopes, any of which allows the call (SSWS tokens carry the admin's full rights). */
  scopes: string[];
  handler: Handler;
}

export interface Route {
  pattern: string;
  methods: Partial<Record<string, MethodSpec>>;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** A tiny segment matcher: "/api/v1/apps/:appId/groups/:groupId". */
export class Router {
  private readonly routes: Array<{ route: Route; segments: string[] }> = [];

  /** Routes with the same pattern (from different API-family files) merge their methods. */
  add(route: Route): void {
    const existing = this.routes.find((r) => r.route.pattern === route.pattern);
    if (existing) {
      existing.route = { pattern: route.pattern, methods: { ...existing.route.methods, ...route.methods } };
      return;
    }
    this.routes.push({ route, segments: route.pattern.split('/').filter(Boolean) });
  }

  match(path: string): RouteMatch | undefined {
    const parts = path.split('/').filter(Boolean);
    outer: for (const { route, segments } of this.routes) {
      if (segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      for (let i = 0; i < segments.length; i++) {
        const seg = segments[i];
        if (seg.startsWith(':')) {
          try {
            params[seg.slice(1)] = decodeURIComponent(parts[i]);
          } catch {
            params[seg.slice(1)] = parts[i];
          }
        } else if (seg !== parts[i]) {
          continue outer;
        }
      }
      return { route, params };
    }
    return undefined;
  }
}

/** GET → read scope; writes → manage scope. Okta's manage scopes also allow reads. */
export function readWrite(family: string): { read: string[]; manage: string[] } {
  return { read: [`okta.${family}.read`, `okta.${family}.manage`], manage: [`okta.${family}.manage`] };
}
