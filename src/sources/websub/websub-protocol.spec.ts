import { createHmac } from 'node:crypto';
import { answerIntent, linkHeaderHubs, renewalTime, validSignature } from './websub-protocol';

describe('Link header hubs', () => {
  it('finds rel="hub" and rel="self", relative ones resolved, the first of each kept', () => {
    expect(linkHeaderHubs('<https://hub.example/>; rel="hub", </feed.xml>; rel="self", <https://other.example/>; rel=hub', 'https://blog.example/feed')).toEqual({
      hub: 'https://hub.example/',
      self: 'https://blog.example/feed.xml',
    });
  });

  it('reads a rel listing several relations, and ignores other relations and schemes', () => {
    expect(linkHeaderHubs('<https://blog.example/feed>; rel="self alternate"; type="application/atom+xml", <javascript:alert(1)>; rel="hub"', 'https://blog.example/')).toEqual({
      hub: null,
      self: 'https://blog.example/feed',
    });
    expect(linkHeaderHubs(undefined, 'https://blog.example/')).toEqual({ hub: null, self: null });
  });
});

describe('verification of intent', () => {
  const topic = 'https://blog.example/feed';

  it('confirms the topic asked for, echoing the challenge, with the lease the hub granted', () => {
    expect(answerIntent({ mode: 'subscribe', topic, challenge: 'c1', leaseSeconds: '3600' }, topic, 86_400)).toEqual({ kind: 'confirm', challenge: 'c1', leaseSeconds: 3600 });
    expect(answerIntent({ mode: 'subscribe', topic, challenge: 'c2' }, topic, 86_400)).toEqual({ kind: 'confirm', challenge: 'c2', leaseSeconds: 86_400 });
  });

  it('refuses another topic, a missing challenge, or a mode it did not ask for', () => {
    expect(answerIntent({ mode: 'subscribe', topic: 'https://evil.example/feed', challenge: 'c' }, topic, 60)).toEqual({ kind: 'refuse' });
    expect(answerIntent({ mode: 'subscribe', topic }, topic, 60)).toEqual({ kind: 'refuse' });
    expect(answerIntent({ mode: 'unsubscribe', topic, challenge: 'c' }, topic, 60)).toEqual({ kind: 'refuse' });
  });

  it('takes a denial for its topic, with the reason', () => {
    expect(answerIntent({ mode: 'denied', topic, reason: 'not allowed' }, topic, 60)).toEqual({ kind: 'denied', reason: 'not allowed' });
    expect(answerIntent({ mode: 'denied', topic: 'https://other.example/' }, topic, 60)).toEqual({ kind: 'refuse' });
  });
});

describe('X-Hub-Signature', () => {
  const body = Buffer.from('<feed/>');
  const sign = (algorithm: string, secret = 's3cret') => `${algorithm}=${createHmac(algorithm, secret).update(body).digest('hex')}`;

  it.each(['sha1', 'sha256', 'sha384', 'sha512'])('accepts an HMAC-%s of the raw body with the secret', (algorithm) => {
    expect(validSignature(sign(algorithm), 's3cret', body)).toBe(true);
  });

  it('refuses another secret, another body, an unknown algorithm, a malformed or missing header', () => {
    expect(validSignature(sign('sha256', 'other'), 's3cret', body)).toBe(false);
    expect(validSignature(sign('sha256'), 's3cret', Buffer.from('<feed></feed>'))).toBe(false);
    expect(validSignature(sign('md5'), 's3cret', body)).toBe(false);
    expect(validSignature('sha256=zz', 's3cret', body)).toBe(false);
    expect(validSignature('sha256=', 's3cret', body)).toBe(false);
    expect(validSignature(undefined, 's3cret', body)).toBe(false);
  });
});

describe('lease renewal', () => {
  const end = new Date('2026-12-11T00:00:00Z');

  it('comes when a tenth of the lease is left', () => {
    expect(renewalTime(end, 864_000)).toEqual(new Date('2026-12-10T00:00:00Z'));
  });

  it('comes a minute before the end of a short lease, or half-way through a very short one', () => {
    expect(renewalTime(end, 300)).toEqual(new Date(end.getTime() - 60_000));
    expect(renewalTime(end, 60)).toEqual(new Date(end.getTime() - 30_000));
  });
});
