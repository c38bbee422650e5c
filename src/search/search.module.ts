import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArticlesModule } from '../articles';
import { CoverageModule } from '../coverage';
import { OrganizationsModule } from '../organizations';
import { SourcesModule } from '../sources';
import { SavedSearchAlertsService } from './saved-search-alerts.service';
import { SavedSearchFeedController } from './saved-search-feed.controller';
import { SavedSearch } from './saved-search.entity';
import { SavedSearchStore } from './saved-search.store';
import { SavedSearchesResolver } from './saved-searches.resolver';
import { SavedSearchesService } from './saved-searches.service';
import { SearchWord } from './search-word.entity';
import { SearchNodesService } from './search-nodes.service';
import { SearchHitResolver, SearchResolver } from './search.resolver';
import { SearchService } from './search.service';
import { SearchStore } from './search.store';

@Module({
  imports: [TypeOrmModule.forFeature([SearchWord, SavedSearch]), SourcesModule, ArticlesModule, CoverageModule, OrganizationsModule],
  controllers: [SavedSearchFeedController],
  providers: [SearchStore, SearchService, SearchResolver, SearchNodesService, SearchHitResolver, SavedSearchStore, SavedSearchesService, SavedSearchAlertsService, SavedSearchesResolver],
})
export class SearchModule {}
