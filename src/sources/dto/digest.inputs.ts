import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { LocalizedTextInput } from '../../common/localized-text';
import { PageArgs } from '../../common/pagination';
import { DigestStatus } from '../digest.entity';

@InputType()
export class CreateDigestInput {
  @Field(() => ID)
  @IsUUID()
  workspaceId: string;

  @Field({ description: 'Featured items published from this instant…' })
  @IsDate()
  periodStart: Date;

  @Field({ description: '…up to this one (excluded); at most 92 days later' })
  @IsDate()
  periodEnd: Date;

  @Field(() => LocalizedTextInput, { nullable: true, description: 'Required in both languages to publish' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalizedTextInput)
  introduction?: LocalizedTextInput | null;
}

@InputType()
export class UpdateDigestInput {
  @Field(() => ID)
  @IsUUID()
  digestId: string;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  periodStart?: Date;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  periodEnd?: Date;

  @Field(() => LocalizedTextInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalizedTextInput)
  introduction?: LocalizedTextInput | null;
}

@InputType()
export class PublishDigestInput {
  @Field(() => ID)
  @IsUUID()
  digestId: string;
}

@ArgsType()
export class DigestsArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID()
  workspaceId: string;

  @Field(() => DigestStatus, { nullable: true })
  @IsOptional()
  @IsEnum(DigestStatus)
  status?: DigestStatus;
}
