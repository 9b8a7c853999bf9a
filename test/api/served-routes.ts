import type { INestApplication } from '@nestjs/common';

export interface Route {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Every route the app's Express instance serves, as `METHOD /path` with Express parameters
 * (`:id`): the controllers' routes and Swagger's. Catch-all routes (`{/*splat}`) are Nest's
 * not-found handlers, not routes.
 */
export function servedRoutes(app: INestApplication): Route[] {
  const instance = app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  const routes: Route[] = [];
  for (const layer of instance.router.stack) {
    if (!layer.route || layer.route.path.includes('*')) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') routes.push({ method: method.toUpperCase(), path: layer.route.path });
  }
  return routes;
}

/** Routes Swagger itself adds (the UI, its assets, and the JSON/YAML documents). */
export const isDocsRoute = (path: string): boolean => path === '/docs' || path.startsWith('/docs/') || path === '/docs-json' || path === '/docs-yaml';

export const key = (r: Route): string => `${r.method} ${r.path}`;
