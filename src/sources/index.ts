/** What other modules may use of the sources module: its services, loaders, GraphQL types, enums and events. */
export { Digest, DigestEntry, DigestStatus } from './digest.entity';
export { DIGEST_PUBLISHED, DigestPublishedEvent, DigestsService, introductionOf } from './digests.service';
export { bilingualDigestTitle, digestTitle, RenderableDigest, renderDigestFragment } from './digest-rendering';
export { OpmlEntryStatus } from './dto/source.inputs';
export { SourceSharingService } from './source-sharing.service';
export { SourcesLoaders } from './sources.loaders';
export { SourcesModule } from './sources.module';
export { Curation, CurationStatus, WatchItem } from './watch-item.entity';
export { WatchItemsService } from './watch-items.service';
export { FeedFetchingModule } from './feed-fetching.module';
export { FetchObserver } from './fetch-observer';
export { FetchScheduler } from './fetch-scheduler';
// The SSRF-safe client, for every request to an address a user gave (webhooks).
export { assertFetchable, FetchFailedError, FetchRefusedError, postSafely } from './fetcher/safe-http';
export { hostOf } from './host-limiter';
export { FetchOutcome, SourceKind, SourceShare, WatchSource } from './watch-source.entity';
export { WatchSourcesService } from './watch-sources.service';
export { digestSearch, watchItemSearch, watchSourceSearch } from './watch-item.search';
