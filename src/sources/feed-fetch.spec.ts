import { loadConfig } from '../config/config';
import { backoffSeconds, officialLanguage } from './feed-fetch.service';

describe('feed fetching rules', () => {
  it('backs off base × 2^(failures − 1), capped', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((failures) => backoffSeconds(failures, 300, 3600))).toEqual([300, 600, 1200, 2400, 3600, 3600, 3600]);
  });

  it('reads fr or en from a language tag, and nothing else', () => {
    expect(['fr', 'fr-CA', 'FR_ca', ' en-US ', 'en'].map(officialLanguage)).toEqual(['fr', 'fr', 'fr', 'en', 'en']);
    expect([null, undefined, '', 'es', 'iu-Cans', 'french'].map(officialLanguage)).toEqual([null, null, null, null, null, null]);
  });
});

describe('the feed settings', () => {
  const config = (env: Record<string, string>) => loadConfig({ TANDEM_DATA_DIR: 'memory://', ...env });

  it('runs the scheduler by default, but not in tests unless asked', () => {
    expect(config({ NODE_ENV: 'development' }).runsFetchScheduler).toBe(true);
    expect(config({ NODE_ENV: 'test' }).runsFetchScheduler).toBe(false);
    expect(config({ NODE_ENV: 'test', FETCH_SCHEDULER: 'on' }).runsFetchScheduler).toBe(true);
    expect(config({ NODE_ENV: 'development', FETCH_SCHEDULER: 'off' }).runsFetchScheduler).toBe(false);
  });

  it('reads numbers and refuses nonsense, naming the variable', () => {
    expect(config({ FETCH_CONCURRENCY: '3', FETCH_BACKOFF_BASE_SECONDS: '60' })).toMatchObject({ FETCH_CONCURRENCY: 3, FETCH_BACKOFF_BASE_SECONDS: 60 });
    expect(() => config({ FETCH_CONCURRENCY: 'many' })).toThrow(/FETCH_CONCURRENCY/);
    expect(() => config({ FETCH_CONCURRENCY: '0' })).toThrow(/FETCH_CONCURRENCY/);
    expect(() => config({ FETCH_SCHEDULER: 'yes' })).toThrow(/FETCH_SCHEDULER/);
    expect(() => config({ FETCH_QUEUE_PREFIX: 'a b' })).toThrow(/FETCH_QUEUE_PREFIX/);
  });

  it('holds a lease 60 seconds unless told otherwise', () => {
    expect(config({}).FETCH_LEASE_SECONDS).toBe(60);
    expect(config({ FETCH_LEASE_SECONDS: '120' }).FETCH_LEASE_SECONDS).toBe(120);
    expect(() => config({ FETCH_LEASE_SECONDS: '0' })).toThrow(/FETCH_LEASE_SECONDS/);
  });
});
