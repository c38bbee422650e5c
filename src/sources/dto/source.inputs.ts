import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsString, MaxLength } from 'class-validator';
import { stack } from '../../common/decorators';
import { EnumField, fieldOf, FieldShape, IdField, TextField } from '../../common/input-fields';
import { Language } from '../../common/localized-text';
import { PageArgs } from '../../common/pagination';
import { SourceKind, WatchSource } from '../watch-source.entity';

/** Topics are matched exactly by `watchItems(filter: { topic })`: trimmed, lower-case, each once. */
export const normalizeTopics = ({ value }: { value: unknown }) =>
  Array.isArray(value)
    ? [...new Set(value.map((topic) => (typeof topic === 'string' ? topic.trim().toLowerCase() : topic)).filter((topic) => topic !== ''))]
    : value;

/** Topics or tags: at most 20 of at most 60 characters each. */
export const TopicsField = (shape: FieldShape) =>
  stack(fieldOf(() => [String], shape), Transform(normalizeTopics), ArrayMaxSize(20), IsString({ each: true }), MaxLength(60, { each: true }));

export const MAX_URL_LENGTH = 2048;

@InputType()
export class CreateWatchSourceInput {
  @IdField()
  organizationId: string;

  @TextField({ max: MAX_URL_LENGTH, trim: true, description: 'The page people know the source by; normalized (scheme, host case, trailing slash, tracking parameters)' })
  url: string;

  @TextField({ max: MAX_URL_LENGTH, trim: true, nullable: true, description: 'What to fetch; for RSS, ATOM and JSON_FEED sources, the url itself when omitted' })
  feedUrl?: string | null;

  @EnumField(SourceKind)
  kind: SourceKind;

  @EnumField(Language, { nullable: true })
  language?: Language | null;

  @TopicsField({ nullable: true })
  topics?: string[] | null;

  @TextField({ max: 300, trim: true, nullable: true })
  title?: string | null;
}

/** One source in one workspace. */
@InputType({ isAbstract: true })
class SourceInWorkspaceInput {
  @IdField()
  sourceId: string;

  @IdField()
  workspaceId: string;
}

@InputType()
export class UnshareWatchSourceInput extends SourceInWorkspaceInput {}

@InputType()
export class ShareWatchSourceInput extends SourceInWorkspaceInput {
  @TextField({ max: 2000, trim: true, nullable: true })
  note?: string | null;
}

@InputType()
export class RefreshWatchSourceInput {
  @IdField()
  sourceId: string;
}

@InputType()
export class ImportOpmlInput {
  @IdField()
  organizationId: string;

  @TextField({ max: 1024 * 1024, description: 'An OPML 1.0 or 2.0 document (at most 1 MiB)' })
  opml: string;
}

@ArgsType()
export class WatchSourcesArgs extends PageArgs {
  @IdField({ nullable: true, description: 'The sources shared into this workspace now' })
  workspaceId?: string;

  @IdField({ nullable: true, description: "The organization's own sources (its members only)" })
  organizationId?: string;
}

@ArgsType()
export class ExportOpmlArgs {
  @IdField({ nullable: true })
  organizationId?: string;

  @IdField({ nullable: true })
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
