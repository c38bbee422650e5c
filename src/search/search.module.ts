import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SourcesModule } from '../sources';
import { SavedSearchAlertsService } from './saved-search-alerts.service';
import { SavedSearchFeedController } from './saved-search-feed.controller';
import { SavedSearch } from './saved-search.entity';
import { SavedSearchStore } from './saved-search.store';
import { SavedSearchesResolver } from './saved-searches.resolver';
import { SavedSearchesService } from './saved-searches.service';
import { SearchWord } from './search-word.entity';
import { SearchResolver } from './search.resolver';
import { SearchService } from './search.service';
import { SearchStore } from './search.store';

@Module({
  imports: [TypeOrmModule.forFeature([SearchWord, SavedSearch]), SourcesModule],
  controllers: [SavedSearchFeedController],
  providers: [SearchStore, SearchService, SearchResolver, SavedSearchStore, SavedSearchesService, SavedSearchAlertsService, SavedSearchesResolver],
})
export class SearchModule {}
