import { Router } from '../router';
import { appRoutes } from './apps';
import { appGroupRoutes } from './app-groups';
import { groupRoutes } from './groups';
import { mappingRoutes } from './mappings';
import { metaRoutes } from './meta';

export function buildRouter(): Router {
  const router = new Router();
  for (const r of [...appRoutes, ...appGroupRoutes, ...groupRoutes, ...mappingRoutes, ...metaRoutes]) router.add(r);
  return router;
}
