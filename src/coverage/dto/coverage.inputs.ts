import { ArgsType, Field, InputType, PartialType } from '@nestjs/graphql';
import { IsBoolean, IsUrl, MaxLength } from 'class-validator';
import { stack } from '../../common/decorators';
import { DateField, EnumField, fieldOf, FieldShape, IdField, LocalizedTextField, TextField } from '../../common/input-fields';
import { Language, LocalizedTextInput } from '../../common/localized-text';
import { PageArgs } from '../../common/pagination';
import { CoverageStatus } from '../coverage-state';
import { CoverageChannel, EventKind, EventStatus } from '../event.entity';

const TIME = 'An instant with its offset ("2026-11-01T05:30:00Z") or a wall-clock time in the event’s zone ("2026-11-01T01:30")';
const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true };
const CLEARS = 'null clears it';

const TimeField = (shape: FieldShape = {}) => TextField({ max: 40, description: TIME, ...shape });
const HttpUrlField = (shape: FieldShape) => stack(fieldOf(() => String, shape), IsUrl(HTTP_URL, { message: 'must be an http(s) URL' }), MaxLength(2000));

/** What an event and each of its sessions have: a title and when it takes place. */
@InputType({ isAbstract: true })
class ScheduleInput {
  @LocalizedTextField()
  title: LocalizedTextInput;

  @TimeField()
  startsAt: string;

  @TimeField()
  endsAt: string;
}

@InputType()
export class CreateEventInput extends ScheduleInput {
  @IdField()
  workspaceId: string;

  @EnumField(EventKind)
  kind: EventKind;

  @TextField({ max: 64, description: 'IANA time zone, e.g. America/Toronto' })
  timeZone: string;

  @TextField({ max: 500, trim: true, nullable: true })
  location?: string;

  @HttpUrlField({ nullable: true })
  url?: string;

  @IdField({ nullable: true, description: 'An organization of the directory; the one the creator acts for when omitted' })
  organizerOrganizationId?: string;

  @EnumField(EventStatus, { nullable: true, description: 'TENTATIVE when omitted' })
  status?: EventStatus;
}

@InputType()
export class UpdateEventInput extends PartialType(ScheduleInput) {
  @IdField()
  eventId: string;

  @EnumField(EventKind, { nullable: true })
  kind?: EventKind;

  @TextField({ max: 500, trim: true, nullable: true, description: CLEARS })
  location?: string | null;

  @HttpUrlField({ nullable: true, description: CLEARS })
  url?: string | null;

  @IdField({ nullable: true, description: CLEARS })
  organizerOrganizationId?: string | null;

  @EnumField(EventStatus, { nullable: true, description: 'CANCELLED (final) cancels the open coverage and tells the assignees' })
  status?: EventStatus;
}

@InputType()
export class AddEventSessionInput extends ScheduleInput {
  @IdField()
  eventId: string;

  @TextField({ max: 200, trim: true, nullable: true })
  room?: string;
}

@InputType()
export class UpdateEventSessionInput extends PartialType(ScheduleInput) {
  @IdField()
  sessionId: string;

  @TextField({ max: 200, trim: true, nullable: true, description: CLEARS })
  room?: string | null;
}

@InputType()
export class PlanCoverageInput {
  @IdField()
  eventId: string;

  @IdField({ nullable: true, description: 'A session of the event; none covers the event as a whole' })
  sessionId?: string;

  @EnumField(CoverageChannel)
  channel: CoverageChannel;

  @EnumField(Language, { nullable: true })
  language?: Language;

  @TimeField({ nullable: true })
  dueAt?: string;

  @TextField({ max: 5000, trim: true, nullable: true })
  notes?: string;
}

/** The inputs of one coverage's operations. */
@InputType({ isAbstract: true })
class CoverageIdInput {
  @IdField()
  coverageId: string;
}

@InputType()
export class AssignCoverageInput extends CoverageIdInput {
  @IdField()
  assigneeId: string;

  @IdField({ description: 'The partner organization the assignee acts for here' })
  organizationId: string;
}

@InputType()
export class RespondToAssignmentInput extends CoverageIdInput {
  @Field()
  @IsBoolean()
  accept: boolean;
}

@InputType()
export class UpdateCoverageInput extends CoverageIdInput {
  @EnumField(CoverageStatus, { nullable: true, description: 'Along the allowed transitions; UNASSIGNED takes it back (or hands it back)' })
  status?: CoverageStatus;

  @IdField({ nullable: true, description: 'An article of the same workspace that the caller can see; replaces a URL' })
  deliverableArticleId?: string;

  @HttpUrlField({ nullable: true, description: 'An http(s) address; replaces an article' })
  deliverableUrl?: string;
}

@ArgsType()
export class EventsArgs extends PageArgs {
  @IdField()
  workspaceId: string;

  @DateField({ nullable: true, description: 'Events that end after this instant' })
  from?: Date;

  @DateField({ nullable: true, description: 'Events that start before this instant' })
  to?: Date;
}

@InputType()
export class CreateCalendarLinkInput {
  @IdField({ nullable: true, description: "A workspace's events; none: the caller's own assignments" })
  workspaceId?: string;
}

@ArgsType()
export class CalendarLinksArgs extends PageArgs {}

@InputType()
export class RevokeCalendarLinkInput {
  @IdField()
  calendarLinkId: string;
}
