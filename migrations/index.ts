import { MigrationInterface } from 'typeorm';
import { Foundation1764043200000 } from './1764043200000-Foundation';

/** Every migration, in order. A landed migration is never edited: add a new one. */
export const migrations: (new () => MigrationInterface)[] = [Foundation1764043200000];
