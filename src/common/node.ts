import { Field, ID, InterfaceType } from '@nestjs/graphql';

/**
 * Relay's object identification: an object with an id unique across the whole API, refetchable
 * through `node(id)`. Ids are the UUIDs every mutation takes (unique across tables already), so
 * implementing Node changes no id; `node(id)` finds the type of an id itself (src/graphql/node.resolver.ts).
 */
@InterfaceType('Node', {
  description: 'An object with an id unique across the API: refetch it with node(id)',
  // The objects are entities: their class is their GraphQL type (class and type share a name).
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  @Field(() => ID)
  id: string;
}
