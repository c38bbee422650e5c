import { ResolveField, Resolver } from '@nestjs/graphql';
import { Republication } from '../articles';
import { byKeys, loadersOf } from '../common/loaders';
import { Language, LocalizedText } from '../common/localized-text';
import { GraphQLContext, publicBaseUrl } from '../common/request-context';
import { AppConfig } from '../config/config';
import { Workspace, WorkspacesService } from '../workspaces';
import { publicAddresses } from './public-addresses';

/** A republication's original public page: its address is the publishing module's to give. */
@Resolver(() => Republication)
export class RepublicationPagesResolver {
  constructor(
    private readonly workspaces: WorkspacesService,
    private readonly config: AppConfig,
  ) {}

  @ResolveField(() => LocalizedText, { nullable: true, description: "The original's public page in each language; null once the original has none (archived)" })
  async publicPage(republication: Republication, _: unknown, context: GraphQLContext): Promise<LocalizedText | null> {
    if (!republication.originalIsPublic) return null;
    const workspace = await loadersOf(context.req)
      .get<string, Workspace | null>('workspaceById', async (ids) => byKeys(ids, await this.workspaces.findByIds(ids), (workspace) => workspace.id))
      .load(republication.originalWorkspaceId);
    const base = publicBaseUrl(this.config.PUBLIC_URL, context.req);
    // The original's workspace exists while the original does (its rows go with it).
    const page = (language: Language) => base + publicAddresses.article(language, (workspace as Workspace).slug, republication.originalId);
    return { fr: page(Language.fr), en: page(Language.en) };
  }
}
