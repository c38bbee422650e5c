import { ArgsType, Field, Float, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsDate, IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ArticleStatus } from '../../articles';
import { Language } from '../../common/localized-text';
import { ConnectionType, PageArgs } from '../../common/pagination';
import { EventStatus } from '../../coverage';
import { CurationStatus } from '../../sources';

export enum SearchKind {
  WATCH_ITEM = 'WATCH_ITEM',
  WATCH_SOURCE = 'WATCH_SOURCE',
  DIGEST = 'DIGEST',
  ARTICLE = 'ARTICLE',
  COMMENT = 'COMMENT',
  EVENT = 'EVENT',
  EVENT_SESSION = 'EVENT_SESSION',
  ORGANIZATION = 'ORGANIZATION',
}
registerEnumType(SearchKind, { name: 'SearchKind', description: 'What a search hit is' });

@InputType()
export class SearchFilter {
  @Field(() => [SearchKind], { nullable: true, description: 'Only these kinds; all when omitted' })
  @IsOptional()
  @IsArray()
  @IsEnum(SearchKind, { each: true })
  types?: SearchKind[];

  @Field(() => ID, { nullable: true, description: 'Only what this workspace holds (organizations belong to none)' })
  @IsOptional()
  @IsUUID()
  workspaceId?: string;

  @Field(() => Language, { nullable: true, description: 'Only documents (or the half of a bilingual one) in this language' })
  @IsOptional()
  @IsEnum(Language)
  language?: Language;

  @Field({ nullable: true, description: 'Published (events: starting) at or after this instant' })
  @IsOptional()
  @IsDate()
  since?: Date;

  @Field({ nullable: true, description: 'Published (events: starting) before this instant' })
  @IsOptional()
  @IsDate()
  until?: Date;

  @Field(() => ID, { nullable: true, description: 'Only items of this watch source' })
  @IsOptional()
  @IsUUID()
  sourceId?: string;

  @Field({ nullable: true, description: "Only items with this curation tag (in the item's workspace) or whose source has this topic" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  tag?: string;

  @Field(() => CurationStatus, { nullable: true, description: "Only items with this curation status in their workspace (NEW: not curated there yet)" })
  @IsOptional()
  @IsEnum(CurationStatus)
  curationStatus?: CurationStatus;

  @Field(() => ArticleStatus, { nullable: true, description: 'Only articles (and their comments) with this status' })
  @IsOptional()
  @IsEnum(ArticleStatus)
  articleStatus?: ArticleStatus;

  @Field(() => EventStatus, { nullable: true, description: 'Only events (and their sessions) with this status' })
  @IsOptional()
  @IsEnum(EventStatus)
  eventStatus?: EventStatus;

  @Field({ nullable: true, description: "Only sessions with no coverage that is not cancelled (an event's gaps) and events that have one; false: only the others" })
  @IsOptional()
  @IsBoolean()
  uncovered?: boolean;
}

/** The kinds a filter concerns: setting it limits the search to them. */
export const KINDS_OF_FILTER = {
  sourceId: [SearchKind.WATCH_ITEM],
  tag: [SearchKind.WATCH_ITEM],
  curationStatus: [SearchKind.WATCH_ITEM],
  articleStatus: [SearchKind.ARTICLE, SearchKind.COMMENT],
  eventStatus: [SearchKind.EVENT, SearchKind.EVENT_SESSION],
  uncovered: [SearchKind.EVENT, SearchKind.EVENT_SESSION],
} as const satisfies Partial<Record<keyof SearchFilter, readonly SearchKind[]>>;

@ArgsType()
export class SearchArgs extends PageArgs {
  @Field({ description: 'Words, "quoted phrases", -excluded, or; accents optional' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  query: string;

  @Field({ nullable: true, description: 'Search as you type: the last word is a prefix (only words count: no phrases, exclusions or or)' })
  @IsOptional()
  @IsBoolean()
  autocomplete?: boolean;

  @Field(() => SearchFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SearchFilter)
  filter?: SearchFilter;
}

@ObjectType({ description: 'A document that matches a search' })
export class SearchHit {
  @Field(() => SearchKind)
  kind: SearchKind;

  @Field(() => ID, { description: 'The id of the watch item, source, digest, article, comment, event, session or organization' })
  id: string;

  @Field(() => ID, { nullable: true, description: 'The workspace it belongs to; for a watch item (shared into several) the one the search is limited to, if any; null for sources and organizations' })
  workspaceId: string | null;

  @Field(() => Language, { description: 'The language of the text that matched' })
  language: Language;

  @Field({ description: "Plain text: the document's title (a comment's: its article's; a digest's: the start of its introduction)" })
  title: string;

  @Field(() => Float, { description: 'Higher is more relevant' })
  rank: number;

  @Field({ description: 'An excerpt of plain text, HTML-escaped, with the matched words in <mark>: nothing else is markup' })
  highlight: string;

  @Field(() => Date, { nullable: true })
  publishedAt: Date | null;
}

@ObjectType()
export class SearchHitConnection extends ConnectionType(SearchHit, 'Search') {
  @Field(() => String, { nullable: true, description: 'When nothing matched: the query with its words replaced by the closest words (trigrams) that find something' })
  suggestion: Promise<string | null>;
}
