import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean } from 'class-validator';
import { IdField } from '../../common/input-fields';

@InputType()
export class SetWatchSourceFullTextInput {
  @IdField()
  sourceId: string;

  @Field({ description: "true: each new summary-only item's page is fetched and its article kept as the content" })
  @IsBoolean()
  fullText: boolean;
}
