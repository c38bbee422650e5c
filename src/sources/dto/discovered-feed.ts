import { ArgsType, Field, ObjectType } from '@nestjs/graphql';
import { TextField } from '../../common/input-fields';
import { SourceKind } from '../watch-source.entity';
import { MAX_URL_LENGTH } from './source.inputs';

@ObjectType({ description: 'A feed found by discoverFeeds: advertised by the page, found at a common path, or the URL itself' })
export class DiscoveredFeed {
  @Field({ description: 'Absolute; what to register as the feed URL' })
  url: string;

  @Field(() => String, { nullable: true, description: "The page's title for the link, or the feed's own title" })
  title: string | null;

  @Field(() => SourceKind)
  kind: SourceKind;
}

@ArgsType()
export class DiscoverFeedsArgs {
  @TextField({ max: MAX_URL_LENGTH, trim: true, description: 'A web page, a site, or a feed' })
  url: string;
}
