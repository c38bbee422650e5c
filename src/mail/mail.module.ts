import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailComposer } from './mail-composer';
import { MailController } from './mail.controller';
import { MailOutbox } from './mail-outbox';
import { MailPagesService } from './mail-pages.service';
import { MailQueue } from './mail-queue';
import { MailSecrets } from './mail-secrets';
import { MailSender } from './mail-sender';
import { MailRecordsRetention } from './mail-records-retention';
import { MailStore } from './mail.store';
import { MailTemplates } from './mail-templates';
import { OutboundMessage } from './outbound-message.entity';

/** Global: any module that causes mail enqueues it and registers its templates, the auth module among them. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboundMessage])],
  providers: [MailStore, MailSecrets, MailOutbox, MailTemplates, MailComposer, MailQueue, MailSender, MailPagesService, MailRecordsRetention],
  controllers: [MailController],
  exports: [MailOutbox, MailTemplates],
})
export class MailModule {}
