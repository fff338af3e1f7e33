import { Router } from '../router';
import { appRoutes } from './apps';
import { appGroupRoutes } from './app-groups';
import { groupRoutes } from './groups';
import { mappingRoutes } from './mappings';
import { metaRoutes } from './meta';
import { appUserRoutes } from './app-users';
import { directoryRoutes } from './directory';
import { membershipRoutes } from './memberships';
import { userRoutes } from './users';
import { directoriesIntegrationRoutes } from './directories-integration';

export function buildRouter(): Router {
  const router = new Router();
  for (const r of [...appRoutes, ...appGroupRoutes, ...groupRoutes, ...mappingRoutes, ...metaRoutes, ...appUserRoutes, ...directoryRoutes, ...membershipRoutes, ...userRoutes, ...directoriesIntegrationRoutes]) router.add(r);
  return router;
}
