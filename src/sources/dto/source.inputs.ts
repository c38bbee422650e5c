import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Language } from '../../common/localized-text';
import { PageArgs } from '../../common/pagination';
import { SourceKind, WatchSource } from '../watch-source.entity';
import { trim } from '../../common/input-transforms';


/** Topics are matched exactly by `watchItems(filter: { topic })`: trimmed, lower-case, each once. */
export const normalizeTopics = ({ value }: { value: unknown }) =>
  Array.isArray(value)
    ? [...new Set(value.map((topic) => (typeof topic === 'string' ? topic.trim().toLowerCase() : topic)).filter((topic) => topic !== ''))]
    : value;

export const MAX_URL_LENGTH = 2048;

@InputType()
export class CreateWatchSourceInput {
  @Field(() => ID)
  @IsUUID()
  organizationId: string;

  @Field({ description: 'The page people know the source by; normalized (scheme, host case, trailing slash, tracking parameters)' })
  @Transform(trim)
  @IsString()
  @MaxLength(MAX_URL_LENGTH)
  url: string;

  @Field(() => String, { nullable: true, description: 'What to fetch; for RSS, ATOM and JSON_FEED sources, the url itself when omitted' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(MAX_URL_LENGTH)
  feedUrl?: string | null;

  @Field(() => SourceKind)
  @IsEnum(SourceKind)
  kind: SourceKind;

  @Field(() => Language, { nullable: true })
  @IsOptional()
  @IsEnum(Language)
  language?: Language | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @Transform(normalizeTopics)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  topics?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  title?: string | null;
}

@InputType()
export class ShareWatchSourceInput {
  @Field(() => ID)
  @IsUUID()
  sourceId: string;

  @Field(() => ID)
  @IsUUID()
  workspaceId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

@InputType()
export class UnshareWatchSourceInput {
  @Field(() => ID)
  @IsUUID()
  sourceId: string;

  @Field(() => ID)
  @IsUUID()
  workspaceId: string;
}

@InputType()
export class RefreshWatchSourceInput {
  @Field(() => ID)
  @IsUUID()
  sourceId: string;
}

@InputType()
export class ImportOpmlInput {
  @Field(() => ID)
  @IsUUID()
  organizationId: string;

  @Field({ description: 'An OPML 1.0 or 2.0 document (at most 1 MiB)' })
  @IsString()
  @MaxLength(1024 * 1024)
  opml: string;
}

@ArgsType()
export class WatchSourcesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'The sources shared into this workspace now' })
  @IsOptional()
  @IsUUID()
  workspaceId?: string;

  @Field(() => ID, { nullable: true, description: "The organization's own sources (its members only)" })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

@ArgsType()
export class ExportOpmlArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  workspaceId?: string;
}

export enum OpmlEntryStatus {
  IMPORTED = 'IMPORTED',
  DUPLICATE = 'DUPLICATE',
  REFUSED = 'REFUSED',
}
registerEnumType(OpmlEntryStatus, { name: 'OpmlEntryStatus' });

@ObjectType({ description: 'What became of one outline of an imported OPML document' })
export class OpmlImportEntry {
  @Field(() => String, { nullable: true })
  title: string | null;

  @Field(() => String, { nullable: true, description: 'The xmlUrl as written in the document' })
  feedUrl: string | null;

  @Field(() => OpmlEntryStatus)
  status: OpmlEntryStatus;

  @Field(() => String, { nullable: true, description: 'Why it was refused, or what it duplicates' })
  reason: string | null;

  @Field(() => WatchSource, { nullable: true, description: 'The new source (IMPORTED) or the existing one (DUPLICATE)' })
  source: WatchSource | null;
}

@ObjectType()
export class OpmlImportResult {
  @Field(() => [OpmlImportEntry])
  entries: OpmlImportEntry[];

  @Field(() => Int)
  imported: number;

  @Field(() => Int)
  duplicates: number;

  @Field(() => Int)
  refused: number;
}
