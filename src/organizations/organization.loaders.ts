import { byKeys, RequestLoaders } from '../common/loaders';
import { Organization } from './organization.entity';
import { OrganizationsService } from './organizations.service';

/** Organizations by id, for every resolver that shows one: one query per request. */
export function organizationLoader(loaders: RequestLoaders, organizations: OrganizationsService) {
  return loaders.get<string, Organization | null>('organizationById', async (ids) =>
    byKeys(ids, await organizations.findByIds(ids), (organization) => organization.id),
  );
}
