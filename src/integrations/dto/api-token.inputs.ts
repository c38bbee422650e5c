import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayNotEmpty, IsEnum } from 'class-validator';
import { ApiTokenScope } from '../../auth';
import { DateField, IdField, TextField } from '../../common/input-fields';
import { PageArgs } from '../../common/pagination';
import { PlainName } from '../../common/text-hygiene';

@InputType()
export class CreateApiTokenInput {
  @IdField()
  organizationId: string;

  @TextField({ max: 100, trim: true, notEmpty: true, description: 'What the integration is, for the admins who see the list' })
  @PlainName()
  name: string;

  @Field(() => [ApiTokenScope])
  @ArrayNotEmpty()
  @ArrayMaxSize(10)
  @IsEnum(ApiTokenScope, { each: true })
  scopes: ApiTokenScope[];

  @DateField({ description: 'When it stops working: in the future, within 366 days' })
  expiresAt: Date;
}

@InputType()
export class RevokeApiTokenInput {
  @IdField()
  apiTokenId: string;
}

@ArgsType()
export class ApiTokensArgs extends PageArgs {
  @IdField()
  organizationId: string;
}
