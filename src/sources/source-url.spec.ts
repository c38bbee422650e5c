import { normalizeSourceUrl } from './source-url';

describe('normalizeSourceUrl', () => {
  it('gives one form to one site', () => {
    expect(normalizeSourceUrl('HTTPS://Blog.Example.CA:443/Chemin/?utm_source=x&b=2&a=1&fbclid=y#top')).toBe('https://blog.example.ca/Chemin?a=1&b=2');
    expect(normalizeSourceUrl('http://example.ca:80')).toBe('http://example.ca/');
    expect(normalizeSourceUrl('https://québec.example/')).toBe('https://xn--qubec-csa.example/');
  });

  it('refuses what is not an http(s) address', () => {
    expect(() => normalizeSourceUrl('javascript:alert(1)')).toThrow('http');
    expect(() => normalizeSourceUrl('ftp://example.ca/feed')).toThrow('http');
    expect(() => normalizeSourceUrl('not a url')).toThrow('valid');
    expect(() => normalizeSourceUrl('https://user:pass@example.ca/')).toThrow('credentials');
  });
});
