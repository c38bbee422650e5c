import { Field, ObjectType } from '@nestjs/graphql';
import { Coverage } from './event.entity';

/** One person committed (ASSIGNED, ACCEPTED, IN_PROGRESS) to two coverages at overlapping times. */
@ObjectType({ description: 'One person committed to two coverages at overlapping times' })
export class CoverageConflict {
  /** Resolved as `assignee`. */
  assigneeId: string;

  @Field(() => Coverage, { description: 'The coverage of this event' })
  coverage: Coverage;

  @Field(() => Coverage, {
    nullable: true,
    description: 'The other coverage; null when it is in a workspace the viewer has no access to (only the overlap is shown)',
  })
  overlapsWith: Coverage | null;

  @Field()
  overlapStartsAt: Date;

  @Field()
  overlapEndsAt: Date;
}
