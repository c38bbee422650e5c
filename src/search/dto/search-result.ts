import { createUnionType } from '@nestjs/graphql';
import { Article, Comment } from '../../articles';
import { Event, EventSession } from '../../coverage';
import { Organization } from '../../organizations';
import { Digest, WatchItem, WatchSource } from '../../sources';

/** The object a search hit is: one type per SearchKind (watch items, comments and sessions do not implement Node). */
export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: 'The object a search hit is, with all of its fields',
  types: () => [WatchItem, WatchSource, Digest, Article, Comment, Event, EventSession, Organization] as const,
  // The objects are entities: their class is their GraphQL type (class and type share a name).
  resolveType: (value: object) => value.constructor.name,
});
