import { WebSocket } from 'ws';
import { ActivityEvent, ActivityStream } from '../activity';
import { GraphQLContext } from '../common/request-context';
import { CloseCode } from './close-codes';
import { DeliveryAccess } from './delivery-access';
import { LiveConnection } from './live-connections';
import { LiveDelivery, LiveFeed } from './live-feed';

const event = (id: number, articleId = 'a1'): ActivityEvent =>
  ({ id: String(id), transactionId: String(100 + id), kind: 'article.revision_saved', resourceType: 'article', resourceId: articleId, workspaceId: 'w1', recipientId: null, actorId: null, payload: {}, createdAt: new Date() }) as ActivityEvent;

/** A socket that records how it was closed, with as many unsent bytes as the test says. */
function socket(bufferedAmount = 0) {
  const closes: number[] = [];
  const fake = { readyState: WebSocket.OPEN, bufferedAmount, close: (code: number) => closes.push(code) };
  return { fake: fake as unknown as WebSocket, closes };
}

/** A feed of article a1 over a stream that replays `history` (all of it held, in pages of `history`'s order). */
function feedOf(options: { history?: ActivityEvent[]; queue?: number; bufferedAmount?: number } = {}) {
  const { fake, closes } = socket(options.bufferedAmount);
  const connection = new LiveConnection(fake, { userId: 'u1', sessionId: 's1' }, 'en', Date.now() + 60_000);
  const history = options.history ?? [];
  const stream = {
    replayAfter: async (afterId: string, limit: number) => {
      const at = history.findIndex((candidate) => candidate.id === afterId);
      return at < 0 ? null : { from: history[at], events: history.slice(at + 1, at + 1 + limit) };
    },
  } as unknown as ActivityStream;
  const access = { verdict: async () => 'deliver', forReplayPage: () => undefined } as unknown as DeliveryAccess;
  const ended: LiveFeed[] = [];
  const context = { req: {} as GraphQLContext['req'] };
  const feed = new LiveFeed({ type: 'article', articleId: 'a1' }, { connection, context, access, stream, limits: { queue: options.queue ?? 100, bufferBytes: 1024 }, ended: (done) => ended.push(done) });
  return { feed, closes, ended, context };
}

const ids = async (feed: LiveFeed, count: number) => {
  const taken: string[] = [];
  for (let index = 0; index < count; index++) taken.push(((await feed.next()).value as LiveDelivery).event.id);
  return taken;
};

describe('a live feed', () => {
  it('replays what followed the resume point, then the live events, without a duplicate', async () => {
    const history = [event(1), event(2), event(3, 'other'), event(4)];
    const { feed } = feedOf({ history });
    // Live events that arrived while the replay was read: 4 was replayed too, 5 is new.
    feed.push(event(4));
    expect(await feed.resumeAfter('1')).toBe(true);
    feed.push(event(5));
    expect(await ids(feed, 3)).toEqual(['2', '4', '5']);
  });

  it('drops what the hub pushes late that the client has already: replayed, or at the resume point', async () => {
    const history = [event(1), event(2), event(3)];
    const { feed } = feedOf({ history });
    expect(await feed.resumeAfter('1')).toBe(true);
    expect(await ids(feed, 2)).toEqual(['2', '3']);
    // Caught up; then the hub, which had them in flight, pushes events the client already has.
    feed.push(event(1));
    feed.push(event(3));
    feed.push(event(4));
    expect(await ids(feed, 1)).toEqual(['4']);
  });

  it('refuses a resume point the stream does not hold', async () => {
    expect(await feedOf({ history: [event(1)] }).feed.resumeAfter('9')).toBe(false);
  });

  it('gives each delivery a request of its own, so loaders never serve an earlier delivery', async () => {
    const { feed, context } = feedOf();
    const original = context.req;
    feed.push(event(1));
    feed.push(event(2));
    await feed.next();
    const first = context.req;
    await feed.next();
    expect(first).not.toBe(original);
    expect(context.req).not.toBe(first);
  });

  it('disconnects a consumer that lets its queue fill (4408) and ends the feed', async () => {
    const { feed, closes, ended } = feedOf({ queue: 2 });
    feed.push(event(1));
    feed.push(event(2));
    expect(closes).toEqual([]);
    feed.push(event(3));
    expect(closes).toEqual([CloseCode.slowConsumer]);
    expect(ended).toEqual([feed]);
    expect(await feed.next()).toEqual({ done: true, value: undefined });
  });

  it('disconnects a consumer whose socket holds too many unsent bytes (4408)', () => {
    const { feed, closes } = feedOf({ bufferedAmount: 4096 });
    feed.push(event(1));
    expect(closes).toEqual([CloseCode.slowConsumer]);
  });

  it('ends once, however it ends', async () => {
    const { feed, ended } = feedOf();
    await feed.return();
    await feed.return();
    feed.push(event(1));
    expect(ended).toEqual([feed]);
  });
});
