import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsEnum, IsOptional, IsString, IsUrl, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Language, LocalizedTextInput } from '../../common/localized-text';
import { PageArgs } from '../../common/pagination';
import { CoverageStatus } from '../coverage-state';
import { CoverageChannel, EventKind, EventStatus } from '../event.entity';
import { trim } from '../../common/input-transforms';

const TIME = 'An instant with its offset ("2026-11-01T05:30:00Z") or a wall-clock time in the event’s zone ("2026-11-01T01:30")';
const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true };

@InputType()
export class CreateEventInput {
  @Field(() => ID)
  @IsUUID()
  workspaceId: string;

  @Field(() => LocalizedTextInput)
  @ValidateNested()
  @Type(() => LocalizedTextInput)
  title: LocalizedTextInput;

  @Field(() => EventKind)
  @IsEnum(EventKind)
  kind: EventKind;

  @Field({ description: TIME })
  @IsString()
  @MaxLength(40)
  startsAt: string;

  @Field({ description: TIME })
  @IsString()
  @MaxLength(40)
  endsAt: string;

  @Field({ description: 'IANA time zone, e.g. America/Toronto' })
  @IsString()
  @MaxLength(64)
  timeZone: string;

  @Field({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  location?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsUrl(HTTP_URL, { message: 'must be an http(s) URL' })
  @MaxLength(2000)
  url?: string;

  @Field(() => ID, { nullable: true, description: 'An organization of the directory; the one the creator acts for when omitted' })
  @IsOptional()
  @IsUUID()
  organizerOrganizationId?: string;

  @Field(() => EventStatus, { nullable: true, description: 'TENTATIVE when omitted' })
  @IsOptional()
  @IsEnum(EventStatus)
  status?: EventStatus;
}

@InputType()
export class UpdateEventInput {
  @Field(() => ID)
  @IsUUID()
  eventId: string;

  @Field(() => LocalizedTextInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalizedTextInput)
  title?: LocalizedTextInput;

  @Field({ nullable: true, description: TIME })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  startsAt?: string;

  @Field({ nullable: true, description: TIME })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  endsAt?: string;

  @Field(() => EventKind, { nullable: true })
  @IsOptional()
  @IsEnum(EventKind)
  kind?: EventKind;

  @Field(() => String, { nullable: true, description: 'null clears it' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  location?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsUrl(HTTP_URL, { message: 'must be an http(s) URL' })
  @MaxLength(2000)
  url?: string | null;

  @Field(() => ID, { nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsUUID()
  organizerOrganizationId?: string | null;

  @Field(() => EventStatus, { nullable: true, description: 'CANCELLED (final) cancels the open coverage and tells the assignees' })
  @IsOptional()
  @IsEnum(EventStatus)
  status?: EventStatus;
}

@InputType()
export class AddEventSessionInput {
  @Field(() => ID)
  @IsUUID()
  eventId: string;

  @Field(() => LocalizedTextInput)
  @ValidateNested()
  @Type(() => LocalizedTextInput)
  title: LocalizedTextInput;

  @Field({ description: TIME })
  @IsString()
  @MaxLength(40)
  startsAt: string;

  @Field({ description: TIME })
  @IsString()
  @MaxLength(40)
  endsAt: string;

  @Field({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  room?: string;
}

@InputType()
export class UpdateEventSessionInput {
  @Field(() => ID)
  @IsUUID()
  sessionId: string;

  @Field(() => LocalizedTextInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalizedTextInput)
  title?: LocalizedTextInput;

  @Field({ nullable: true, description: TIME })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  startsAt?: string;

  @Field({ nullable: true, description: TIME })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  endsAt?: string;

  @Field(() => String, { nullable: true, description: 'null clears it' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  room?: string | null;
}

@InputType()
export class PlanCoverageInput {
  @Field(() => ID)
  @IsUUID()
  eventId: string;

  @Field(() => ID, { nullable: true, description: 'A session of the event; none covers the event as a whole' })
  @IsOptional()
  @IsUUID()
  sessionId?: string;

  @Field(() => CoverageChannel)
  @IsEnum(CoverageChannel)
  channel: CoverageChannel;

  @Field(() => Language, { nullable: true })
  @IsOptional()
  @IsEnum(Language)
  language?: Language;

  @Field({ nullable: true, description: TIME })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  dueAt?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  notes?: string;
}

@InputType()
export class AssignCoverageInput {
  @Field(() => ID)
  @IsUUID()
  coverageId: string;

  @Field(() => ID)
  @IsUUID()
  assigneeId: string;

  @Field(() => ID, { description: 'The partner organization the assignee acts for here' })
  @IsUUID()
  organizationId: string;
}

@InputType()
export class RespondToAssignmentInput {
  @Field(() => ID)
  @IsUUID()
  coverageId: string;

  @Field()
  @IsBoolean()
  accept: boolean;
}

@InputType()
export class UpdateCoverageInput {
  @Field(() => ID)
  @IsUUID()
  coverageId: string;

  @Field(() => CoverageStatus, { nullable: true, description: 'Along the allowed transitions; UNASSIGNED takes it back (or hands it back)' })
  @IsOptional()
  @IsEnum(CoverageStatus)
  status?: CoverageStatus;

  @Field(() => ID, { nullable: true, description: 'An article of the same workspace that the caller can see; replaces a URL' })
  @IsOptional()
  @IsUUID()
  deliverableArticleId?: string;

  @Field({ nullable: true, description: 'An http(s) address; replaces an article' })
  @IsOptional()
  @IsUrl(HTTP_URL, { message: 'must be an http(s) URL' })
  @MaxLength(2000)
  deliverableUrl?: string;
}

@ArgsType()
export class EventsArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID()
  workspaceId: string;

  @Field({ nullable: true, description: 'Events that end after this instant' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field({ nullable: true, description: 'Events that start before this instant' })
  @IsOptional()
  @IsDate()
  to?: Date;
}

@InputType()
export class CreateCalendarLinkInput {
  @Field(() => ID, { nullable: true, description: "A workspace's events; none: the caller's own assignments" })
  @IsOptional()
  @IsUUID()
  workspaceId?: string;
}

@ArgsType()
export class CalendarLinksArgs extends PageArgs {}

@InputType()
export class RevokeCalendarLinkInput {
  @Field(() => ID)
  @IsUUID()
  calendarLinkId: string;
}
