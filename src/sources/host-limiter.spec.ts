import { HostLimiter, hostOf } from './host-limiter';

describe('HostLimiter', () => {
  it('runs at most `limit` tasks at once per host, the others in turn, and other hosts freely', async () => {
    const limiter = new HostLimiter(2);
    const releases: (() => void)[] = [];
    let peak = 0;
    const task = (host: string) =>
      limiter.run(host, async () => {
        peak = Math.max(peak, limiter.busy('a.example'));
        await new Promise<void>((release) => releases.push(release));
      });
    const all = [task('a.example'), task('a.example'), task('a.example'), task('b.example')];
    await new Promise((next) => setImmediate(next));
    expect(limiter.busy('a.example')).toBe(2);
    expect(limiter.busy('b.example')).toBe(1);
    while (releases.length) {
      releases.shift()?.();
      await new Promise((next) => setImmediate(next));
    }
    await Promise.all(all);
    expect(peak).toBe(2);
    expect(limiter.busy('a.example')).toBe(0);
  });

  it('frees the slot of a task that failed', async () => {
    const limiter = new HostLimiter(1);
    await expect(limiter.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run('a', async () => 'next')).resolves.toBe('next');
  });

  it('keys on host and port', () => {
    expect(hostOf('http://127.0.0.1:8080/feed')).toBe('127.0.0.1:8080');
    expect(hostOf('https://Blog.Example.ca/rss')).toBe('blog.example.ca');
  });
});
