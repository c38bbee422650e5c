import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { DateField, EnumField, IdField, TextField } from '../../common/input-fields';
import { lower } from '../../common/input-transforms';
import { Language } from '../../common/localized-text';
import { PageArgs } from '../../common/pagination';
import { CurationStatus } from '../watch-item.entity';
import { TopicsField } from './source.inputs';

@InputType()
export class WatchItemFilter {
  @IdField({ nullable: true })
  sourceId?: string;

  @TextField({ max: 60, nullable: true, description: 'Items of sources with this topic' })
  @Transform(lower)
  topic?: string;

  @EnumField(Language, { nullable: true })
  language?: Language;

  @EnumField(CurationStatus, { nullable: true, description: "The workspace's triage; NEW includes items nobody triaged" })
  status?: CurationStatus;

  @DateField({ nullable: true, description: 'Items published at or after this instant' })
  since?: Date;
}

@ArgsType()
export class WatchItemsArgs extends PageArgs {
  @IdField()
  workspaceId: string;

  @Field(() => WatchItemFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => WatchItemFilter)
  filter?: WatchItemFilter;
}

@InputType()
export class CurateWatchItemInput {
  @IdField()
  workspaceId: string;

  @IdField()
  itemId: string;

  @EnumField(CurationStatus)
  status: CurationStatus;

  @TextField({ max: 2000, trim: true, nullable: true, description: 'Plain text; omitted keeps the current one, null clears it' })
  annotation?: string | null;

  @TopicsField({ nullable: true, description: 'Omitted keeps the current ones' })
  tags?: string[] | null;
}
