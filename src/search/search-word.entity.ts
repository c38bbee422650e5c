import { Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A word of some searchable text, lower-cased, accents kept: the lexicon "did you mean" picks
 * from. Triggers on the searched tables fill it (migrations/…-Search.ts); a word is suggested only
 * once a search for it finds something the caller may see.
 */
@Entity()
export class SearchWord {
  // The trigram GIN index and the index of folded words live in the migrations; TypeORM leaves them be.
  @Index('ix_search_word_trigram', { synchronize: false })
  @Index('ix_search_word_folded', { synchronize: false })
  @PrimaryColumn('text')
  word: string;
}
