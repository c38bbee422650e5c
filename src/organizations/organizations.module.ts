import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JoinRequest, Organization, OrganizationInvitation, OrganizationMembership } from './organization.entity';
import {
  JoinRequestResolver,
  OrganizationMembershipResolver,
  OrganizationsResolver,
  UserMembershipsResolver,
} from './organizations.resolver';
import { OrganizationsService } from './organizations.service';

@Module({
  imports: [TypeOrmModule.forFeature([Organization, OrganizationMembership, OrganizationInvitation, JoinRequest])],
  providers: [OrganizationsService, OrganizationsResolver, OrganizationMembershipResolver, JoinRequestResolver, UserMembershipsResolver],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
