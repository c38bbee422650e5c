import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ActivityEvent } from '../../activity';
import { LiveDelivery } from '../live-feed';

/** An event of the activity stream as a subscriber receives it: what happened, never the content (the payload's fields resolve it). */
@ObjectType('LiveEvent', { description: 'An event of the activity stream, delivered after its change committed' })
export class LiveEvent {
  @Field(() => ID, { description: 'The resume token: subscribe again with `after` set to it to receive what followed' })
  id: string;

  @Field({ description: 'e.g. article.revision_saved, article.comment_added, watch_item.curated, coverage.assigned, workspace.member.added' })
  kind: string;

  @Field()
  occurredAt: Date;

  @Field({ description: 'article, comment, coverage, event, event_session, watch_item, digest, notification…' })
  resourceType: string;

  @Field(() => ID)
  resourceId: string;

  @Field(() => ID, { nullable: true })
  workspaceId: string | null;

  /** Resolved as `actor` (a person), with the request's loaders. */
  actorId: string | null;

  static of(event: ActivityEvent): LiveEvent {
    return Object.assign(new LiveEvent(), {
      id: event.id,
      kind: event.kind,
      occurredAt: event.createdAt,
      resourceType: event.resourceType,
      resourceId: event.resourceId,
      workspaceId: event.workspaceId,
      actorId: event.actorId,
    });
  }
}

/** What every payload carries: the event, and the delivery its resources are resolved from (with the subscriber's rights). */
@ObjectType({ isAbstract: true })
abstract class LivePayload {
  @Field(() => LiveEvent)
  activity: LiveEvent;

  delivery: LiveDelivery;
}

const payloadOf = <P extends LivePayload>(type: new () => P, delivery: LiveDelivery): P =>
  Object.assign(new type(), { activity: LiveEvent.of(delivery.event), delivery });

@ObjectType({ description: 'A change of an article: a revision saved, a comment added or resolved, a review, its status, its authors' })
export class ArticleChange extends LivePayload {
  static of(delivery: LiveDelivery): ArticleChange {
    return payloadOf(ArticleChange, delivery);
  }
}

@ObjectType({ description: "Something that happened in a workspace: items, curation, digests, articles, events, sessions, coverage, partners, members" })
export class WorkspaceActivity extends LivePayload {
  static of(delivery: LiveDelivery): WorkspaceActivity {
    return payloadOf(WorkspaceActivity, delivery);
  }
}

@ObjectType({ description: 'A change of an event, of one of its sessions or of its coverage plan' })
export class CoverageChange extends LivePayload {
  static of(delivery: LiveDelivery): CoverageChange {
    return payloadOf(CoverageChange, delivery);
  }
}

@ObjectType({ description: 'A new notification of the subscriber' })
export class NotificationArrival extends LivePayload {
  static of(delivery: LiveDelivery): NotificationArrival {
    return payloadOf(NotificationArrival, delivery);
  }
}
