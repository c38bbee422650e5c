import { Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A word of some searchable text, lower-cased, accents kept: the lexicon "did you mean" picks
 * from. Triggers on the searched tables fill it (migrations/…-Search.ts); a word is suggested only
 * once a search for it finds something the caller may see.
 */
@Entity()
export class SearchWord {
  // The trigram GIN index lives in the migration; TypeORM leaves it be.
  @Index('ix_search_word_trigram', { synchronize: false })
  @PrimaryColumn('text')
  word: string;
}
