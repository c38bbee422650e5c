import { IsInt, Min, validate } from 'class-validator';
// Importing the pipe's module makes class-validator remember its rule lookups (rememberRuleLookups).
import './validation';

const failing = async (object: object) => (await validate(object)).map((error) => `${error.property}: ${Object.keys(error.constraints ?? {}).join(' ')}`);

class Draft {
  @IsInt()
  words: number;
}

describe('class-validator with its rule lookups remembered', () => {
  it('applies the rules of a class, and of one defined after the first lookup with what it inherits', async () => {
    expect(await failing(Object.assign(new Draft(), { words: 'many' }))).toEqual(['words: isInt']);

    class Revision extends Draft {
      @Min(1)
      number: number;
    }
    expect(await failing(Object.assign(new Revision(), { words: 'many', number: 0 }))).toEqual(['number: min', 'words: isInt']);
  });

  it('forgets what it looked up once a rule is declared', async () => {
    class Comment {
      @IsInt()
      length: number;
    }
    expect(await failing(Object.assign(new Comment(), { length: -1 }))).toEqual([]);
    Min(0)(Comment.prototype, 'length');
    expect(await failing(Object.assign(new Comment(), { length: -1 }))).toEqual(['length: min']);
  });
});
