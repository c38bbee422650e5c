import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { PageArgs } from '../../common/pagination';

@ArgsType()
export class NotificationsArgs extends PageArgs {
  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean;
}

@InputType()
export class MarkNotificationReadInput {
  @Field(() => ID)
  @IsUUID()
  notificationId: string;
}
