import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles';
import { OrganizationsModule } from '../organizations';
import { SourcesModule } from '../sources';
import { PublicDocumentsController } from './public-documents.controller';
import { PublicFeedsService } from './public-feeds.service';
import { PublicPagesService } from './public-pages.service';
import { RepublicationPagesResolver } from './republication-pages.resolver';

/** Public pages and feeds (HTML, Atom, JSON Feed) of what workspaces publish. */
@Module({
  imports: [ArticlesModule, SourcesModule, OrganizationsModule],
  controllers: [PublicDocumentsController],
  providers: [PublicPagesService, PublicFeedsService, RepublicationPagesResolver],
})
export class PublishingModule {}
