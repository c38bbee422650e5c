import { Args, Field, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { User } from '../auth/user.entity';
import { UsersService } from '../auth/users.service';
import { ParseIdPipe } from '../common/id.pipe';
import { byKeys, groupByKeys, Loaders, RequestLoaders } from '../common/loaders';
import { ConnectionType } from '../common/pagination';
import { Actor, CurrentActor } from '../common/request-context';
import { Organization } from '../organizations/organization.entity';
import { organizationLoader, userLoader } from '../organizations/organizations.resolver';
import { OrganizationsService } from '../organizations/organizations.service';
import { AccessPolicy } from '../workspaces/access-policy';
import { CalendarService } from './calendar.service';
import { CoverageService } from './coverage.service';
import {
  AddEventSessionInput,
  AssignCoverageInput,
  CreateCalendarLinkInput,
  CreateEventInput,
  EventsArgs,
  PlanCoverageInput,
  RespondToAssignmentInput,
  RevokeCalendarLinkInput,
  UpdateCoverageInput,
  UpdateEventInput,
} from './dto/coverage.inputs';
import { CalendarLink, Coverage, Event, EventSession } from './event.entity';
import { formatInZone } from './zoned-time';

const EventConnection = ConnectionType(Event);

@ObjectType({ description: 'One person committed to two coverages at overlapping times' })
export class CoverageConflict {
  @Field(() => User)
  assignee: User;

  @Field(() => Coverage, { description: 'The coverage of this event' })
  coverage: Coverage;

  @Field(() => Coverage, { nullable: true, description: 'The other one; null when it is in a workspace the viewer cannot see' })
  overlapsWith: Coverage | null;

  @Field()
  overlapStartsAt: Date;

  @Field()
  overlapEndsAt: Date;
}

function eventLoader(loaders: RequestLoaders, coverage: CoverageService) {
  return loaders.get<string, Event | null>('eventById', async (ids) => byKeys(ids, await coverage.eventsByIds(ids), (event) => event.id));
}

@Resolver(() => Event)
export class EventsResolver {
  constructor(
    private readonly service: CoverageService,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
    private readonly policy: AccessPolicy,
  ) {}

  @Query(() => Event, { nullable: true, description: 'NOT_FOUND when the caller may not see it' })
  async event(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, new ParseIdPipe('Event')) id: string) {
    return (await this.service.event(actor, id)).event;
  }

  @Query(() => EventConnection, { description: 'Events overlapping [from, to), in time order' })
  events(@CurrentActor() actor: Actor, @Args() args: EventsArgs) {
    return this.service.listEvents(actor, args);
  }

  @Mutation(() => Event)
  createEvent(@CurrentActor() actor: Actor, @Args('input') input: CreateEventInput) {
    return this.service.createEvent(actor, input);
  }

  @Mutation(() => Event, { description: 'Status CANCELLED cancels the open coverage and tells the assignees' })
  updateEvent(@CurrentActor() actor: Actor, @Args('input') input: UpdateEventInput) {
    return this.service.updateEvent(actor, input);
  }

  @Mutation(() => EventSession)
  addEventSession(@CurrentActor() actor: Actor, @Args('input') input: AddEventSessionInput) {
    return this.service.addSession(actor, input);
  }

  @ResolveField(() => String, { description: 'startsAt on the wall clock of the event’s time zone, with its offset' })
  localStartsAt(@Parent() event: Event): string {
    return formatInZone(event.startsAt, event.timeZone);
  }

  @ResolveField(() => String)
  localEndsAt(@Parent() event: Event): string {
    return formatInZone(event.endsAt, event.timeZone);
  }

  @ResolveField(() => Organization, { nullable: true })
  organizerOrganization(@Parent() event: Event, @Loaders() loaders: RequestLoaders) {
    return event.organizerOrganizationId ? organizationLoader(loaders, this.organizations).load(event.organizerOrganizationId) : null;
  }

  @ResolveField(() => [EventSession], { description: 'In time order' })
  sessions(@Parent() event: Event, @Loaders() loaders: RequestLoaders) {
    return loaders
      .get<string, EventSession[]>('eventSessions', async (ids) => groupByKeys(ids, await this.service.sessionsOfEvents(ids), (session) => session.eventId))
      .load(event.id);
  }

  @ResolveField(() => [Coverage])
  coverage(@Parent() event: Event, @Loaders() loaders: RequestLoaders) {
    return loaders
      .get<string, Coverage[]>('eventCoverage', async (ids) => groupByKeys(ids, await this.service.coverageOfEvents(ids), (item) => item.eventId))
      .load(event.id);
  }

  @ResolveField(() => [EventSession], { description: 'Sessions with no coverage that is not cancelled' })
  gaps(@Parent() event: Event, @Loaders() loaders: RequestLoaders) {
    return loaders
      .get<string, EventSession[]>('eventGaps', async (ids) => groupByKeys(ids, await this.service.gapsOfEvents(ids), (session) => session.eventId))
      .load(event.id);
  }

  @ResolveField(() => [CoverageConflict], {
    description: 'Assignees of this event committed elsewhere at the same time, in any workspace; the other coverage is shown only if the viewer may see it',
  })
  async conflicts(@Parent() event: Event, @CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders): Promise<CoverageConflict[]> {
    const rows = await this.service.conflictsOf(event.id);
    const visible = await this.policy.accessibleWorkspaces(actor, [...new Set(rows.map((row) => row.otherWorkspaceId))]);
    const coverages = new Map(
      (await this.service.coveragesByIds([...new Set(rows.flatMap((row) => [row.coverageId, row.otherCoverageId]))])).map((item) => [item.id, item]),
    );
    const people = await userLoader(loaders, this.users).loadMany(rows.map((row) => row.assigneeId));
    return rows.map((row, index) => ({
      assignee: people[index] as User,
      coverage: coverages.get(row.coverageId) as Coverage,
      overlapsWith: visible.has(row.otherWorkspaceId) ? (coverages.get(row.otherCoverageId) as Coverage) : null,
      overlapStartsAt: row.overlapStartsAt,
      overlapEndsAt: row.overlapEndsAt,
    }));
  }
}

@Resolver(() => EventSession)
export class EventSessionsResolver {
  constructor(private readonly service: CoverageService) {}

  @ResolveField(() => String, { description: 'startsAt on the wall clock of the event’s time zone, with its offset' })
  async localStartsAt(@Parent() session: EventSession, @Loaders() loaders: RequestLoaders): Promise<string> {
    const event = (await eventLoader(loaders, this.service).load(session.eventId)) as Event;
    return formatInZone(session.startsAt, event.timeZone);
  }

  @ResolveField(() => String)
  async localEndsAt(@Parent() session: EventSession, @Loaders() loaders: RequestLoaders): Promise<string> {
    const event = (await eventLoader(loaders, this.service).load(session.eventId)) as Event;
    return formatInZone(session.endsAt, event.timeZone);
  }
}

@Resolver(() => Coverage)
export class CoverageResolver {
  constructor(
    private readonly service: CoverageService,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
  ) {}

  @Mutation(() => Coverage)
  planCoverage(@CurrentActor() actor: Actor, @Args('input') input: PlanCoverageInput) {
    return this.service.plan(actor, input);
  }

  @Mutation(() => Coverage)
  assignCoverage(@CurrentActor() actor: Actor, @Args('input') input: AssignCoverageInput) {
    return this.service.assign(actor, input);
  }

  @Mutation(() => Coverage)
  respondToAssignment(@CurrentActor() actor: Actor, @Args('input') input: RespondToAssignmentInput) {
    return this.service.respond(actor, input);
  }

  @Mutation(() => Coverage, { description: 'PRECONDITION_FAILED for a move the coverage cannot make from its status' })
  updateCoverage(@CurrentActor() actor: Actor, @Args('input') input: UpdateCoverageInput) {
    return this.service.update(actor, input);
  }

  @ResolveField(() => Event)
  event(@Parent() coverage: Coverage, @Loaders() loaders: RequestLoaders) {
    return eventLoader(loaders, this.service).load(coverage.eventId);
  }

  @ResolveField(() => EventSession, { nullable: true })
  session(@Parent() coverage: Coverage, @Loaders() loaders: RequestLoaders) {
    if (!coverage.sessionId) return null;
    return loaders
      .get<string, EventSession | null>('sessionById', async (ids) => byKeys(ids, await this.service.sessionsByIds(ids), (session) => session.id))
      .load(coverage.sessionId);
  }

  @ResolveField(() => User, { nullable: true })
  assignee(@Parent() coverage: Coverage, @Loaders() loaders: RequestLoaders) {
    return coverage.assigneeId ? userLoader(loaders, this.users).load(coverage.assigneeId) : null;
  }

  @ResolveField(() => Organization, { nullable: true })
  assigneeOrganization(@Parent() coverage: Coverage, @Loaders() loaders: RequestLoaders) {
    return coverage.assigneeOrganizationId ? organizationLoader(loaders, this.organizations).load(coverage.assigneeOrganizationId) : null;
  }
}

@Resolver(() => CalendarLink)
export class CalendarLinksResolver {
  constructor(private readonly calendars: CalendarService) {}

  @Query(() => [CalendarLink], { description: "The caller's calendar links (their tokens are not shown again)" })
  calendarLinks(@CurrentActor() actor: Actor) {
    return this.calendars.linksOf(actor);
  }

  @Mutation(() => CalendarLink, { description: "A secret iCalendar address: a workspace's events, or without workspaceId the caller's assignments" })
  createCalendarLink(@CurrentActor() actor: Actor, @Args('input') input: CreateCalendarLinkInput) {
    return this.calendars.createLink(actor, input);
  }

  @Mutation(() => Boolean)
  revokeCalendarLink(@CurrentActor() actor: Actor, @Args('input') input: RevokeCalendarLinkInput) {
    return this.calendars.revokeLink(actor, input.calendarLinkId);
  }
}
