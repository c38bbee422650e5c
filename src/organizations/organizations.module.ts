import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationInvitationMail } from './invitation-mail';
import { OrganizationMembershipService } from './organization-membership.service';
import { JoinRequest, Organization, OrganizationInvitation, OrganizationMembership } from './organization.entity';
import {
  JoinRequestResolver,
  OrganizationMembershipResolver,
  OrganizationsResolver,
  UserMembershipsResolver,
} from './organizations.resolver';
import { OrganizationRecordsRetention } from './organization-records-retention';
import { OrganizationStore } from './organization.store';
import { OrganizationsService } from './organizations.service';

@Module({
  imports: [TypeOrmModule.forFeature([Organization, OrganizationMembership, OrganizationInvitation, JoinRequest])],
  providers: [
    OrganizationStore,
    OrganizationsService,
    OrganizationMembershipService,
    OrganizationInvitationMail,
    OrganizationRecordsRetention,
    OrganizationsResolver,
    OrganizationMembershipResolver,
    JoinRequestResolver,
    UserMembershipsResolver,
  ],
  exports: [OrganizationsService, OrganizationMembershipService],
})
export class OrganizationsModule {}
