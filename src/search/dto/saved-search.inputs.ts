import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { trim } from '../../common/input-transforms';
import { Language } from '../../common/localized-text';
import { ConnectionType, PageArgs } from '../../common/pagination';
import { PlainName } from '../../common/text-hygiene';
import { SavedSearch } from '../saved-search.entity';

@InputType()
export class SaveSearchInput {
  @Field(() => ID)
  @IsUUID()
  workspaceId: string;

  @Field()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @PlainName()
  name: string;

  @Field({ description: 'As `search(query)` reads it' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  query: string;

  @Field(() => Language, { nullable: true, description: 'Only items in this language' })
  @IsOptional()
  @IsEnum(Language)
  language?: Language;
}

@InputType()
export class SavedSearchIdInput {
  @Field(() => ID)
  @IsUUID()
  savedSearchId: string;
}

@ArgsType()
export class SavedSearchesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only those of this workspace' })
  @IsOptional()
  @IsUUID()
  workspaceId?: string;
}

@ObjectType({ description: 'The secret address of a saved search as an Atom feed: shown once' })
export class SavedSearchFeed {
  @Field()
  url: string;
}

export const SavedSearchConnection = ConnectionType(SavedSearch);
