/** What other modules may use of the organizations module. */
export { Jurisdiction, Organization, OrganizationRole } from './organization.entity';
export { organizationLoader } from './organization.loaders';
export { OrganizationsModule } from './organizations.module';
export { OrganizationMembershipService } from './organization-membership.service';
export { OrganizationsService } from './organizations.service';
export { organizationSearch } from './organization.search';
