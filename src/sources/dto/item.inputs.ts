import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Language } from '../../common/localized-text';
import { PageArgs } from '../../common/pagination';
import { CurationStatus } from '../watch-item.entity';
import { normalizeTopics } from './source.inputs';
import { trim } from '../../common/input-transforms';


@InputType()
export class WatchItemFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  sourceId?: string;

  @Field(() => String, { nullable: true, description: 'Items of sources with this topic' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @MaxLength(60)
  topic?: string;

  @Field(() => Language, { nullable: true })
  @IsOptional()
  @IsEnum(Language)
  language?: Language;

  @Field(() => CurationStatus, { nullable: true, description: "The workspace's triage; NEW includes items nobody triaged" })
  @IsOptional()
  @IsEnum(CurationStatus)
  status?: CurationStatus;

  @Field(() => Date, { nullable: true, description: 'Items published at or after this instant' })
  @IsOptional()
  @IsDate()
  since?: Date;
}

@ArgsType()
export class WatchItemsArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID()
  workspaceId: string;

  @Field(() => WatchItemFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => WatchItemFilter)
  filter?: WatchItemFilter;
}

@InputType()
export class CurateWatchItemInput {
  @Field(() => ID)
  @IsUUID()
  workspaceId: string;

  @Field(() => ID)
  @IsUUID()
  itemId: string;

  @Field(() => CurationStatus)
  @IsEnum(CurationStatus)
  status: CurationStatus;

  @Field(() => String, { nullable: true, description: 'Plain text; omitted keeps the current one, null clears it' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  annotation?: string | null;

  @Field(() => [String], { nullable: true, description: 'Omitted keeps the current ones' })
  @IsOptional()
  @Transform(normalizeTopics)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  tags?: string[] | null;
}
