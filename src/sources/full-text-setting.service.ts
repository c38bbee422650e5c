import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '../common/errors';
import { Actor } from '../common/request-context';
import { OrganizationsService } from '../organizations';
import { SetWatchSourceFullTextInput } from './dto/full-text.inputs';
import { mayManageOrganizationSources } from './source-access';
import { WatchSource } from './watch-source.entity';
import { WatchSourceStore } from './watch-source.store';
import { WatchSourcesService } from './watch-sources.service';

/**
 * Whether a source's items get their full text. It is the source's setting, not a share's: an item
 * is stored once for every workspace the source is shared into, so its content is one decision, made
 * by the organization that owns the source (as refreshing it is).
 */
@Injectable()
export class FullTextSettingService {
  constructor(
    private readonly sources: WatchSourcesService,
    private readonly sourceStore: WatchSourceStore,
    private readonly organizations: OrganizationsService,
  ) {}

  async setFullText(actor: Actor, input: SetWatchSourceFullTextInput): Promise<WatchSource> {
    const source = await this.sources.get(actor, input.sourceId);
    const membership = await this.organizations.membershipOf(actor.userId, source.organizationId);
    if (!mayManageOrganizationSources(membership?.role)) {
      throw new ForbiddenError('Only members of the organization that owns the source may change how it is fetched');
    }
    await this.sourceStore.setFullText(source.id, input.fullText);
    return this.sourceStore.byId(source.id);
  }
}
