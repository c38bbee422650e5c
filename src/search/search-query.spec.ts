import { typedWords } from './search-query';

describe('typedWords', () => {
  it('keeps the words typed and the one being typed, and drops all tsquery syntax', () => {
    expect(typedWords("gouv ou'vert")).toEqual({ whole: 'gouv & ou', prefix: 'vert' });
    expect(typedWords('a:* | !b & (c')).toEqual({ whole: 'a & b', prefix: 'c' });
    expect(typedWords('qué')).toEqual({ whole: '', prefix: 'qué' });
    expect(typedWords(' -"\' ')).toBeNull();
  });
});
