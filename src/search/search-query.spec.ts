import { autocompleteTsQuery } from './search-query';

describe('autocompleteTsQuery', () => {
  it('makes the last word a prefix and drops all tsquery syntax', () => {
    expect(autocompleteTsQuery("gouv ou'vert")).toBe('gouv & ou & vert:*');
    expect(autocompleteTsQuery('a:* | !b & (c')).toBe('a & b & c:*');
    expect(autocompleteTsQuery(' -"\' ')).toBeNull();
  });
});
