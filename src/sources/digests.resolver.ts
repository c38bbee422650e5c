import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { User, userLoader, UsersService } from '../auth';
import { ParseIdPipe } from '../common/id.pipe';
import { Loaders, RequestLoaders } from '../common/loaders';
import { Language, LANGUAGES, LocalizedText } from '../common/localized-text';
import { ConnectionType } from '../common/pagination';
import { Actor, CurrentActor } from '../common/request-context';
import { Workspace } from '../workspaces';
import { Digest, DigestEntry } from './digest.entity';
import { RenderableDigest, renderDigestHtml, renderDigestMarkdown } from './digest-rendering';
import { DigestsService, introductionOf, renderableDigest } from './digests.service';
import { CreateDigestInput, DigestsArgs, PublishDigestInput, UpdateDigestInput } from './dto/digest.inputs';
import { SourcesLoaders } from './sources.loaders';

const DigestConnection = ConnectionType(Digest);

@Resolver(() => Digest)
export class DigestsResolver {
  constructor(
    private readonly service: DigestsService,
    private readonly loaders: SourcesLoaders,
    private readonly users: UsersService,
  ) {}

  @Query(() => Digest, { nullable: true })
  digest(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, new ParseIdPipe('Digest')) id: string) {
    return this.service.get(actor, id);
  }

  @Query(() => DigestConnection, { description: 'Newest first' })
  digests(@CurrentActor() actor: Actor, @Args() args: DigestsArgs) {
    return this.service.list(actor, args);
  }

  @Mutation(() => Digest, { description: "Gathers the period's FEATURED items (live until publication)" })
  createDigest(@CurrentActor() actor: Actor, @Args('input') input: CreateDigestInput) {
    return this.service.create(actor, input);
  }

  @Mutation(() => Digest, { description: 'A draft only' })
  updateDigest(@CurrentActor() actor: Actor, @Args('input') input: UpdateDigestInput) {
    return this.service.update(actor, input);
  }

  @Mutation(() => Digest, { description: 'PRECONDITION_FAILED without a bilingual introduction or a featured item; audited' })
  publishDigest(@CurrentActor() actor: Actor, @Args('input') input: PublishDigestInput) {
    return this.service.publish(actor, input);
  }

  @ResolveField(() => Workspace)
  workspace(@Parent() digest: Digest, @Loaders() loaders: RequestLoaders) {
    return this.loaders.workspace(loaders).load(digest.workspaceId);
  }

  @ResolveField(() => LocalizedText, { nullable: true })
  introduction(@Parent() digest: Digest): LocalizedText | null {
    return introductionOf(digest);
  }

  @ResolveField(() => [DigestEntry], { description: 'Newest first; frozen at publication' })
  entries(@Parent() digest: Digest, @Loaders() loaders: RequestLoaders) {
    return this.loaders.digestEntries(loaders).load(digest);
  }

  @ResolveField(() => String, { description: 'A complete HTML document; the introduction in `language`, or in both' })
  async html(@Parent() digest: Digest, @Loaders() loaders: RequestLoaders, @Args('language', { type: () => Language, nullable: true }) language?: Language) {
    return renderDigestHtml(await this.renderable(digest, loaders), language ? [language] : LANGUAGES);
  }

  @ResolveField(() => String, { description: 'CommonMark; the introduction in `language`, or in both' })
  async markdown(
    @Parent() digest: Digest,
    @Loaders() loaders: RequestLoaders,
    @Args('language', { type: () => Language, nullable: true }) language?: Language,
  ) {
    return renderDigestMarkdown(await this.renderable(digest, loaders), language ? [language] : LANGUAGES);
  }

  @ResolveField(() => User, { nullable: true })
  publishedBy(@Parent() digest: Digest, @Loaders() loaders: RequestLoaders) {
    return digest.publishedById ? userLoader(loaders, this.users).load(digest.publishedById) : null;
  }

  @ResolveField(() => User, { nullable: true })
  createdBy(@Parent() digest: Digest, @Loaders() loaders: RequestLoaders) {
    return digest.createdById ? userLoader(loaders, this.users).load(digest.createdById) : null;
  }

  private async renderable(digest: Digest, loaders: RequestLoaders): Promise<RenderableDigest> {
    const [workspace, entries] = await Promise.all([
      this.loaders.workspace(loaders).load(digest.workspaceId),
      this.loaders.digestEntries(loaders).load(digest),
    ]);
    return renderableDigest(digest, workspace as Workspace, entries);
  }
}
