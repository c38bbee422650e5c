import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityStream } from './activity-stream';
import { AuditEvent } from './audit-event.entity';
import { AuditService } from './audit.service';
import { AuditStore } from './audit.store';
import { ActivityConsumer } from './stream/activity-consumer.entity';
import { ActivityEvent } from './stream/activity-event.entity';
import { ActivityEventStore } from './stream/activity-event.store';
import { CommitSignal } from './stream/commit-signal';

/**
 * The activity stream and the audit trail that feeds it, on the database alone: what a feed worker
 * process loads to record and announce what it changes, without notifications or mail.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent, ActivityEvent, ActivityConsumer])],
  providers: [ActivityEventStore, CommitSignal, ActivityStream, AuditStore, AuditService],
  exports: [ActivityStream, AuditService],
})
export class ActivityStreamModule {}
