import { signatureOf, verifySignature } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"kind":"article.published"}';
  const now = 1_764_000_000;

  it('verify what they sign', () => {
    expect(verifySignature(secret, signatureOf(secret, now, body), body, now)).toBe(true);
  });

  it.each([
    ['another body', signatureOf(secret, now, body), '{"kind":"article.archived"}', now],
    ['another secret', signatureOf('whsec_other', now, body), body, now],
    ['too old a timestamp', signatureOf(secret, now - 301, body), body, now],
    ['no signature part', `t=${now}`, body, now],
    ['garbage', 'not a signature', body, now],
  ])('refuse %s', (_case, header, signedBody, at) => {
    expect(verifySignature(secret, header, signedBody, at)).toBe(false);
  });
});
