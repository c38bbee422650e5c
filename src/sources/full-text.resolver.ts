import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '../common/request-context';
import { SetWatchSourceFullTextInput } from './dto/full-text.inputs';
import { FullTextSettingService } from './full-text-setting.service';
import { WatchSource } from './watch-source.entity';

@Resolver(() => WatchSource)
export class FullTextResolver {
  constructor(private readonly service: FullTextSettingService) {}

  @Mutation(() => WatchSource, { description: "Turns full text on or off for new items; by members of the source's organization" })
  setWatchSourceFullText(@CurrentActor() actor: Actor, @Args('input') input: SetWatchSourceFullTextInput) {
    return this.service.setFullText(actor, input);
  }
}
