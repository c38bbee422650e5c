import { Args, ArgsType, Field, ID, Query, Resolver } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsString, isUUID } from 'class-validator';
import { EntityTarget, ObjectLiteral } from 'typeorm';
import { Article, ArticlesService } from '../articles';
import { Event, EventsService } from '../coverage';
import { AppError, NotFoundError } from '../common/errors';
import { ParseIdPipe } from '../common/id.pipe';
import { Node } from '../common/node';
import { Actor, CurrentActor } from '../common/request-context';
import { Organization, OrganizationsService } from '../organizations';
import { Digest, DigestsService, WatchSource, WatchSourcesService } from '../sources';
import { Workspace, WorkspacesService } from '../workspaces';
import { NodeStore } from './node.store';

/** How many ids `nodes(ids)` takes at once: a page's worth. */
export const MAX_NODES = 50;

@ArgsType()
export class NodesArgs {
  @Field(() => [ID])
  @IsArray()
  @ArrayMaxSize(MAX_NODES)
  @IsString({ each: true })
  ids: string[];
}

/** A type implementing Node: its entity (for the id lookup) and its module's "find what the caller may see". */
interface NodeType {
  entity: EntityTarget<ObjectLiteral>;
  findVisible: (actor: Actor, id: string) => Promise<object>;
}

// The refusals by which a module's service says "not for you": each becomes the answer to an unknown id.
const NOT_VISIBLE = new Set(['NOT_FOUND', 'FORBIDDEN']);

/**
 * `node(id)` and `nodes(ids)`: the type of an id is looked up across the node tables in one
 * statement, then the object is read through its module's service, which refuses what the caller
 * may not see. A refusal names no type ("Node not found"), so it tells nothing about an id.
 */
@Resolver(() => Node)
export class NodeResolver {
  private readonly types: Map<string, NodeType>;

  constructor(
    private readonly store: NodeStore,
    articles: ArticlesService,
    events: EventsService,
    organizations: OrganizationsService,
    digests: DigestsService,
    sources: WatchSourcesService,
    workspaces: WorkspacesService,
  ) {
    this.types = new Map<string, NodeType>([
      ['Article', { entity: Article, findVisible: (actor, id) => articles.findVisible(actor, id) }],
      ['Digest', { entity: Digest, findVisible: (actor, id) => digests.get(actor, id) }],
      ['Event', { entity: Event, findVisible: async (actor, id) => (await events.event(actor, id)).event }],
      // The directory is open to anyone signed in.
      ['Organization', { entity: Organization, findVisible: (_actor, id) => organizations.getById(id) }],
      ['WatchSource', { entity: WatchSource, findVisible: (actor, id) => sources.get(actor, id) }],
      ['Workspace', { entity: Workspace, findVisible: (actor, id) => workspaces.get(actor, id) }],
    ]);
  }

  @Query(() => Node, { description: 'The object of this id, whatever its type; NOT_FOUND when the caller may not see it' })
  async node(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, new ParseIdPipe('Node')) id: string): Promise<object> {
    const [found] = await this.visible(actor, [id]);
    if (!found) throw new NotFoundError('Node');
    return found;
  }

  @Query(() => [Node], { nullable: 'items', description: `The objects of these ids (at most ${MAX_NODES}), in their order; null for each the caller may not see` })
  nodes(@CurrentActor() actor: Actor, @Args() { ids }: NodesArgs): Promise<(object | null)[]> {
    return this.visible(actor, ids);
  }

  private async visible(actor: Actor, ids: readonly string[]): Promise<(object | null)[]> {
    // An id that is not even a UUID names nothing.
    const typeOf = await this.store.typesOf(ids.filter((id) => isUUID(id)), new Map([...this.types].map(([name, type]) => [name, type.entity])));
    return Promise.all(
      ids.map(async (id) => {
        const type = this.types.get(typeOf.get(id) ?? '');
        if (!type) return null;
        return type.findVisible(actor, id).catch((error: unknown) => {
          if (error instanceof AppError && NOT_VISIBLE.has(error.code)) return null;
          throw error;
        });
      }),
    );
  }
}
