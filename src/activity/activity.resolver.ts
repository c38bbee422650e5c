import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ConnectionType } from '../common/pagination';
import { Actor, CurrentActor } from '../common/request-context';
import { MarkNotificationReadInput, NotificationsArgs } from './dto/notification.inputs';
import { Notification } from './notification.entity';
import { NotificationsService } from './notifications.service';

const NotificationConnection = ConnectionType(Notification);

@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(private readonly service: NotificationsService) {}

  @Query(() => NotificationConnection, { description: "The caller's notifications, newest first" })
  notifications(@CurrentActor() actor: Actor, @Args() args: NotificationsArgs) {
    return this.service.listMine(actor, args);
  }

  @Mutation(() => Notification)
  markNotificationRead(@CurrentActor() actor: Actor, @Args('input') input: MarkNotificationReadInput) {
    return this.service.markRead(actor, input.notificationId);
  }
}
