import { MARK_END, MARK_START, safeHighlight } from './search-highlight';

describe('safeHighlight', () => {
  it('escapes every markup character of the content and marks only the matched words', () => {
    expect(safeHighlight(`<img src=x onerror="alert(1)"> & ${MARK_START}Québec${MARK_END}'s`)).toBe(
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; <mark>Québec</mark>&#39;s',
    );
  });
});
