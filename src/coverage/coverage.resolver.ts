import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Article } from '../articles';
import { User, userLoader, UsersService } from '../auth';
import { ParseIdPipe } from '../common/id.pipe';
import { Loaders, RequestLoaders } from '../common/loaders';
import { ConnectionType } from '../common/pagination';
import { Actor, CurrentActor, GraphQLContext, publicBaseUrl } from '../common/request-context';
import { AppConfig } from '../config/config';
import { Organization, organizationLoader, OrganizationsService } from '../organizations';
import { CalendarService } from './calendar.service';
import { CoverageConflict } from './coverage-conflict';
import { CoveragePlanningService } from './coverage-planning.service';
import { CoverageLoaders } from './coverage.loaders';
import {
  AddEventSessionInput,
  AssignCoverageInput,
  CalendarLinksArgs,
  CreateCalendarLinkInput,
  CreateEventInput,
  EventsArgs,
  PlanCoverageInput,
  RespondToAssignmentInput,
  RevokeCalendarLinkInput,
  UpdateCoverageInput,
  UpdateEventInput,
  UpdateEventSessionInput,
} from './dto/coverage.inputs';
import { CalendarLink, Coverage, Event, EventSession } from './event.entity';
import { EventsService } from './events.service';
import { formatInZone } from './zoned-time';

const EventConnection = ConnectionType(Event);
const CalendarLinkConnection = ConnectionType(CalendarLink);

@Resolver(() => Event)
export class EventsResolver {
  constructor(
    private readonly service: EventsService,
    private readonly loaders: CoverageLoaders,
    private readonly organizations: OrganizationsService,
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

  @Mutation(() => Event, { description: 'Status CANCELLED (final) cancels the open coverage and tells the assignees' })
  updateEvent(@CurrentActor() actor: Actor, @Args('input') input: UpdateEventInput) {
    return this.service.updateEvent(actor, input);
  }

  @Mutation(() => EventSession)
  addEventSession(@CurrentActor() actor: Actor, @Args('input') input: AddEventSessionInput) {
    return this.service.addSession(actor, input);
  }

  @Mutation(() => EventSession)
  updateEventSession(@CurrentActor() actor: Actor, @Args('input') input: UpdateEventSessionInput) {
    return this.service.updateSession(actor, input);
  }

  @ResolveField(() => String, { description: 'startsAt on the wall clock of the event’s time zone, with its offset' })
  localStartsAt(@Parent() event: Event): string {
    return formatInZone(event.startsAt, event.timeZone);
  }

  @ResolveField(() => String, { description: 'endsAt on the wall clock of the event’s time zone, with its offset' })
  localEndsAt(@Parent() event: Event): string {
    return formatInZone(event.endsAt, event.timeZone);
  }

  @ResolveField(() => Organization, { nullable: true })
  organizerOrganization(@Parent() event: Event, @Loaders() loaders: RequestLoaders) {
    return event.organizerOrganizationId ? organizationLoader(loaders, this.organizations).load(event.organizerOrganizationId) : null;
  }

  @ResolveField(() => [EventSession], { description: 'In time order' })
  sessions(@Parent() event: Event, @Loaders() loaders: RequestLoaders) {
    return this.loaders.sessionsOfEvent(loaders).load(event.id);
  }

  @ResolveField(() => [Coverage], { description: 'In the order it was planned' })
  coverage(@Parent() event: Event, @Loaders() loaders: RequestLoaders) {
    return this.loaders.coverageOfEvent(loaders).load(event.id);
  }

  @ResolveField(() => [EventSession], { description: 'Sessions with no coverage that is not cancelled' })
  gaps(@Parent() event: Event, @Loaders() loaders: RequestLoaders) {
    return this.loaders.gapsOfEvent(loaders).load(event.id);
  }

  @ResolveField(() => [CoverageConflict], {
    description:
      'Assignees of this event committed at an overlapping time to another coverage, in any workspace they are in; the other coverage is shown only to viewers with access to its workspace',
  })
  conflicts(@Parent() event: Event, @CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders) {
    return this.loaders.conflictsOfEvent(loaders, actor).load(event.id);
  }
}

@Resolver(() => CoverageConflict)
export class CoverageConflictsResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => User)
  assignee(@Parent() conflict: CoverageConflict, @Loaders() loaders: RequestLoaders) {
    return userLoader(loaders, this.users).load(conflict.assigneeId);
  }
}

@Resolver(() => EventSession)
export class EventSessionsResolver {
  constructor(private readonly loaders: CoverageLoaders) {}

  @ResolveField(() => Event)
  event(@Parent() session: EventSession, @Loaders() loaders: RequestLoaders) {
    return this.loaders.eventById(loaders).load(session.eventId);
  }

  @ResolveField(() => String, { description: 'startsAt on the wall clock of the event’s time zone, with its offset' })
  async localStartsAt(@Parent() session: EventSession, @Loaders() loaders: RequestLoaders): Promise<string> {
    const event = (await this.loaders.eventById(loaders).load(session.eventId)) as Event;
    return formatInZone(session.startsAt, event.timeZone);
  }

  @ResolveField(() => String, { description: 'endsAt on the wall clock of the event’s time zone, with its offset' })
  async localEndsAt(@Parent() session: EventSession, @Loaders() loaders: RequestLoaders): Promise<string> {
    const event = (await this.loaders.eventById(loaders).load(session.eventId)) as Event;
    return formatInZone(session.endsAt, event.timeZone);
  }
}

@Resolver(() => Coverage)
export class CoverageResolver {
  constructor(
    private readonly service: CoveragePlanningService,
    private readonly loaders: CoverageLoaders,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
  ) {}

  @Mutation(() => Coverage)
  planCoverage(@CurrentActor() actor: Actor, @Args('input') input: PlanCoverageInput) {
    return this.service.plan(actor, input);
  }

  @Mutation(() => Coverage, { description: 'Also reassigns; PRECONDITION_FAILED when the coverage cannot be assigned from its status' })
  assignCoverage(@CurrentActor() actor: Actor, @Args('input') input: AssignCoverageInput) {
    return this.service.assign(actor, input);
  }

  @Mutation(() => Coverage, { description: 'The assignee accepts, or declines (the coverage goes back UNASSIGNED)' })
  respondToAssignment(@CurrentActor() actor: Actor, @Args('input') input: RespondToAssignmentInput) {
    return this.service.respond(actor, input);
  }

  @Mutation(() => Coverage, {
    description: 'PRECONDITION_FAILED for a move the coverage cannot make from its status; FORBIDDEN for one the caller may not make',
  })
  updateCoverage(@CurrentActor() actor: Actor, @Args('input') input: UpdateCoverageInput) {
    return this.service.update(actor, input);
  }

  @ResolveField(() => Event)
  event(@Parent() coverage: Coverage, @Loaders() loaders: RequestLoaders) {
    return this.loaders.eventById(loaders).load(coverage.eventId);
  }

  @ResolveField(() => EventSession, { nullable: true })
  session(@Parent() coverage: Coverage, @Loaders() loaders: RequestLoaders) {
    if (!coverage.sessionId) return null;
    return this.loaders.sessionById(loaders).load(coverage.sessionId);
  }

  @ResolveField(() => User, { nullable: true })
  assignee(@Parent() coverage: Coverage, @Loaders() loaders: RequestLoaders) {
    return coverage.assigneeId ? userLoader(loaders, this.users).load(coverage.assigneeId) : null;
  }

  @ResolveField(() => Organization, { nullable: true })
  assigneeOrganization(@Parent() coverage: Coverage, @Loaders() loaders: RequestLoaders) {
    return coverage.assigneeOrganizationId ? organizationLoader(loaders, this.organizations).load(coverage.assigneeOrganizationId) : null;
  }

  @ResolveField(() => User, { nullable: true, description: 'Who assigned it' })
  assignedBy(@Parent() coverage: Coverage, @Loaders() loaders: RequestLoaders) {
    return coverage.assignedById ? userLoader(loaders, this.users).load(coverage.assignedById) : null;
  }

  @ResolveField(() => Article, { nullable: true, description: 'The article it delivers; null when there is none or the viewer may not see it' })
  deliverableArticle(@Parent() coverage: Coverage, @CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders) {
    if (!coverage.deliverableArticleId) return null;
    return this.loaders.deliverableArticle(loaders, actor).load(coverage);
  }
}

@Resolver(() => CalendarLink)
export class CalendarLinksResolver {
  constructor(
    private readonly calendars: CalendarService,
    private readonly config: AppConfig,
  ) {}

  @Query(() => CalendarLinkConnection, { description: "The caller's calendar links, newest first (their tokens are not shown again)" })
  calendarLinks(@CurrentActor() actor: Actor, @Args() args: CalendarLinksArgs) {
    return this.calendars.linksOf(actor, args);
  }

  @Mutation(() => CalendarLink, { description: "A secret iCalendar address: a workspace's events, or without workspaceId the caller's assignments" })
  createCalendarLink(@CurrentActor() actor: Actor, @Args('input') input: CreateCalendarLinkInput, @Context('req') request: GraphQLContext['req']) {
    return this.calendars.createLink(actor, input, publicBaseUrl(this.config.PUBLIC_URL, request));
  }

  @Mutation(() => Boolean)
  revokeCalendarLink(@CurrentActor() actor: Actor, @Args('input') input: RevokeCalendarLinkInput) {
    return this.calendars.revokeLink(actor, input.calendarLinkId);
  }
}
