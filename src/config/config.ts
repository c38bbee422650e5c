import { plainToInstance, Transform } from 'class-transformer';
import { stack } from '../common/decorators';
import { resolveJwtSecret } from './secrets';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
    : value;

const toNumber = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);

const toBoolean = ({ value }: { value: unknown }) => value === true || value === 'true' || value === '1';

/** A whole number, at least `min` (and at most `max`). */
const IntSetting = (min: number, max?: number) => stack(Transform(toNumber), IsInt(), Min(min), max !== undefined && Max(max));

const BooleanSetting = () => stack(Transform(toBoolean), IsBoolean());

/**
 * The process environment, validated once at start-up. Everything the server reads from
 * the environment is declared here, so a wrong value stops it with one line naming the variable.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** A PostgreSQL server; without it the server runs an embedded PostgreSQL (PGlite). */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** Connections each process keeps to the PostgreSQL server of DATABASE_URL (the embedded database takes one). */
  @IntSetting(1, 100)
  DATABASE_POOL_SIZE = 10;

  /** Where the embedded database and the generated secrets live. `memory://` keeps nothing. */
  @IsString()
  TANDEM_DATA_DIR = './data';

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL' })
  REDIS_URL?: string;

  /**
   * argon2id's memory (KiB) and passes for passwords: the library's defaults (64 MiB, 3 passes).
   * Production refuses less than OWASP's floor (19 MiB, 2 passes); the tests use less, for speed.
   */
  @IntSetting(1024)
  PASSWORD_HASH_MEMORY_KIB = 65_536;

  @IntSetting(1)
  PASSWORD_HASH_ITERATIONS = 3;

  /**
   * Account mails (registration, verification link, password reset, address change) each client
   * address may ask for per hour, and each target address may receive, before each further
   * request locks it for a minute, then twice as long each time, up to an hour.
   */
  @IntSetting(1)
  ACCOUNT_MAIL_PER_CLIENT_ADDRESS = 20;

  @IntSetting(1)
  ACCOUNT_MAIL_PER_RECIPIENT = 5;

  /** Signs access tokens. Generated into the data folder in embedded mode; required in production. */
  @IsOptional()
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string;

  /**
   * Encrypts the TOTP secrets of MFA at rest (AES-256-GCM, key derived with HKDF) and keys the
   * hashes of recovery codes. Required in production; elsewhere derived from the JWT secret.
   * Keep it: changing it makes every stored TOTP secret and recovery code unusable.
   */
  @IsOptional()
  @IsString()
  @MinLength(32)
  MFA_ENCRYPTION_KEY?: string;

  /**
   * The address people reach this server at, for the links it hands out (feeds, calendars, pages).
   * Required in production: the links are otherwise built from the request's Host header, which
   * a client writes, and publicly cached pages and feeds would carry them to everyone.
   */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\/+$/, '') : value))
  @Matches(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, { message: 'must be an http(s) URL such as https://tandem.example.ca' })
  PUBLIC_URL?: string;

  /** Behind a reverse proxy: the client address is the last one X-Forwarded-For names, the one the proxy wrote. */
  @BooleanSetting()
  TRUST_PROXY = false;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** The most a query may cost (objects it may return, lists at their page size); more is QUERY_TOO_COMPLEX. */
  @IntSetting(1)
  GRAPHQL_MAX_COST = 10_000;

  /** The most aliases one query may use. */
  @IntSetting(0)
  GRAPHQL_MAX_ALIASES = 50;

  /** What each caller (a user, or an address when anonymous) may spend per hour; more is RATE_LIMITED. */
  @IntSetting(1)
  GRAPHQL_HOURLY_BUDGET = 1_000_000;

  /** Introspection in production (always on elsewhere). */
  @BooleanSetting()
  GRAPHQL_INTROSPECTION = false;

  /** Origins a browser may call the API from (CORS); none by default. */
  @Transform(toList)
  @Matches(/^https?:\/\/[^/\s]+$/, { each: true, message: 'each must be an origin such as https://tandem.example.ca' })
  CORS_ORIGINS: string[] = [];

  /** `host:port` pairs the feed fetcher may reach even though they resolve to private addresses. */
  @Transform(toList)
  @IsString({ each: true })
  FETCH_ALLOW_HOSTS: string[] = [];

  /** `on` runs the feed scheduler (in process, or enqueuing with REDIS_URL); default on, except with NODE_ENV=test. */
  @IsOptional()
  @IsIn(['on', 'off'])
  FETCH_SCHEDULER?: 'on' | 'off';

  /** Feeds fetched at once, per process (scheduler or worker). */
  @IntSetting(1, 64)
  FETCH_CONCURRENCY = 8;

  /** How often a healthy feed is fetched. */
  @IntSetting(1)
  FETCH_INTERVAL_SECONDS = 1800;

  /** A failing feed waits base × 2^(failures − 1), at most the maximum. */
  @IntSetting(1)
  FETCH_BACKOFF_BASE_SECONDS = 300;

  @IntSetting(1)
  FETCH_BACKOFF_MAX_SECONDS = 86_400;

  /** How often the scheduler looks for due feeds. */
  @IntSetting(50)
  FETCH_TICK_MS = 10_000;

  /** How long a fetcher holds a source: a fetcher that died mid-fetch frees it after this. */
  @IntSetting(1)
  FETCH_LEASE_SECONDS = 60;

  /** For sources with full text on: new items' pages one fetch may retrieve; the rest keep their summary. */
  @IntSetting(0, 100)
  FULL_TEXT_PER_FETCH = 10;

  /** The largest article page read for its full text (after decompression); a larger one keeps the item's summary. */
  @IntSetting(1024, 5 * 1024 * 1024)
  FULL_TEXT_MAX_BYTES = 2 * 1024 * 1024;

  /** Fetches of one host (host:port) at once, per process (scheduler or worker): one site's many feeds wait their turn. */
  @IntSetting(1, 64)
  FETCH_PER_HOST_CONCURRENCY = 2;

  /** The polling interval adapts to how often a source publishes, within these bounds (and never below a feed's <ttl> or max-age). */
  @IntSetting(1)
  FETCH_INTERVAL_MIN_SECONDS = 900;

  @IntSetting(1)
  FETCH_INTERVAL_MAX_SECONDS = 86_400;

  /** The WebSub lease asked of hubs (the hub may grant another); renewed before it ends. Push needs PUBLIC_URL. */
  @IntSetting(60)
  WEBSUB_LEASE_SECONDS = 864_000;

  /** How often saved searches look for new matching watch items (and notify their owners). */
  @IntSetting(50)
  SAVED_SEARCH_CHECK_MS = 60_000;

  /** Notifications: the local hour (0–23, in each person's time zone) from which their daily digest of the day is sent. */
  @IntSetting(0, 23)
  NOTIFICATION_DIGEST_HOUR = 7;

  /** Notifications: how often daily digests that have come due are queued, and coverage due soon is looked for. */
  @IntSetting(50)
  NOTIFICATION_SWEEP_MS = 60_000;

  /** `on` runs those sweeps in this process (every API process may: they never double); default on, except with NODE_ENV=test. */
  @IsOptional()
  @IsIn(['on', 'off'])
  NOTIFICATION_SCHEDULER?: 'on' | 'off';

  /** Notifications: how long before its due time the assignee of a coverage not filed yet hears that it is due soon (once). */
  @IntSetting(1)
  COVERAGE_DUE_SOON_MINUTES = 120;

  /**
   * How long this process trusts that a session it checked is still open, sparing the session's
   * statement on the requests that follow. A session ended here is forgotten at once; one ended in
   * another process as soon as its session.ended event reaches this one (its commit wakes every
   * process with REDIS_URL), and never later than this. 0 checks the session on every request.
   */
  @IntSetting(0, 60)
  SESSION_CACHE_SECONDS = 2;

  /**
   * How often a process following the activity stream reads it when nothing woke it: its own commits
   * wake it at once, and other processes' through Redis with REDIS_URL; this poll catches the rest.
   */
  @IntSetting(20)
  ACTIVITY_POLL_MS = 1_000;

  /**
   * How long what has ended is kept before it is deleted: revoked or expired sessions and their
   * refresh tokens, used or expired account links and MFA challenges, idle sign-in counts,
   * accepted or expired organization invitations, sent, failed and cancelled mail (whose web
   * version, in the other language, goes with it).
   */
  @IntSetting(1)
  EXPIRED_RECORDS_KEPT_DAYS = 90;

  /** How often each process deletes what EXPIRED_RECORDS_KEPT_DAYS no longer keeps. */
  @IntSetting(50)
  RECORDS_PRUNE_INTERVAL_MS = 3_600_000;

  /** How long the activity stream keeps events: how far back a reconnecting subscriber can resume (longer while a durable reader, webhooks, has not read them). */
  @IntSetting(1)
  ACTIVITY_REPLAY_HOURS = 24;

  /** The SMTP server mail is sent through (smtp:// or smtps://, credentials in the URL); without it messages wait in the outbox. */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The sender of every message; its domain also names the messages (Message-ID). */
  @Matches(/^([^<>]*<)?[^\s@<>]+@[^\s@<>]+>?$/, { message: 'must be an address, optionally with a name: Tandem <no-reply@tandem.example.ca>' })
  MAIL_FROM = 'Tandem <no-reply@tandem.localhost>';

  /** How often a mail sender looks for due messages (retries, lost leases) when no commit woke it. */
  @IntSetting(20)
  MAIL_POLL_MS = 5_000;

  /** Messages a sender claims at once. */
  @IntSetting(1, 500)
  MAIL_BATCH_SIZE = 10;

  /** How long a sender holds a claimed message: a sender killed mid-batch frees its messages after this. */
  @IntSetting(1)
  MAIL_LEASE_SECONDS = 120;

  /** Attempts before a message is failed for good; attempt n waits base × 2^(n − 1) after the last. */
  @IntSetting(1, 50)
  MAIL_MAX_ATTEMPTS = 8;

  @IntSetting(1)
  MAIL_RETRY_BASE_SECONDS = 30;

  /** `off`: this process only enqueues, others send (with REDIS_URL, the queue's other consumers). */
  @IsIn(['on', 'off'])
  MAIL_SENDER: 'on' | 'off' = 'on';

  /** Live updates (GraphQL subscriptions over WebSocket): subscriptions one connection may hold at once. */
  @IntSetting(1)
  SUBSCRIPTIONS_PER_CONNECTION = 20;

  /** Live connections one person may hold at once, over all their sessions (per process). */
  @IntSetting(1)
  CONNECTIONS_PER_USER = 10;

  /** Events one subscription may have waiting; a consumer that falls this far behind is disconnected (4408). */
  @IntSetting(1)
  SUBSCRIPTION_QUEUE_LIMIT = 1_000;

  /** Bytes a live connection's socket may have unsent; past it the consumer is too slow and disconnected (4408). */
  @IntSetting(1024)
  SUBSCRIPTION_BUFFER_BYTES = 1_048_576;

  /** How often webhook senders look for due deliveries (retries, lost leases) when no new event woke them. */
  @IntSetting(20)
  WEBHOOK_POLL_MS = 1_000;

  /** Attempts before a delivery fails for good; attempt n + 1 waits base × 2^(n − 1), at most a day (8 attempts: about an hour). */
  @IntSetting(1, 50)
  WEBHOOK_MAX_ATTEMPTS = 8;

  @IntSetting(1)
  WEBHOOK_RETRY_BASE_MS = 30_000;

  /** Deliveries in a row that fail for good (out of attempts) after which an endpoint is disabled and its creator told. */
  @IntSetting(1)
  WEBHOOK_DISABLE_AFTER = 5;

  /** How long a receiver has to answer one delivery. */
  @IntSetting(100, 60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /**
   * `host:port` pairs webhooks may POST to even though they resolve to private addresses; apart
   * from FETCH_ALLOW_HOSTS, so an intranet feed host does not become a target for every admin.
   */
  @Transform(toList)
  @IsString({ each: true })
  WEBHOOK_ALLOW_HOSTS: string[] = [];

  /** Prefix of the BullMQ keys in Redis (one per deployment, or per test). */
  @Matches(/^[A-Za-z0-9_.:-]+$/, { message: 'letters, digits and _ . : - only' })
  FETCH_QUEUE_PREFIX = 'tandem';

  /** Longest any one SQL statement may run on a PostgreSQL server (PGlite cannot interrupt one) before the request gets SERVICE_UNAVAILABLE. */
  @IntSetting(1)
  STATEMENT_TIMEOUT_MS = 15_000;

  /** Requests handled at once; past it, a fast 503 with Retry-After instead of a queue behind the database. */
  @IntSetting(1)
  MAX_REQUESTS_IN_FLIGHT = 256;

  /** Of those, how many one client address may have at once; past it, a fast 429 with Retry-After: one caller cannot take them all. */
  @IntSetting(1)
  MAX_REQUESTS_IN_FLIGHT_PER_CLIENT = 64;

  /**
   * Requests a minute one client address may send to the routes beside /graphql (feeds, calendars,
   * public pages), which have no cost budget; past it, 429 with Retry-After.
   */
  @IntSetting(1)
  ROUTE_REQUESTS_PER_MINUTE = 300;

  /** On SIGTERM, how long the requests in flight may take to finish before the process exits anyway. */
  @IntSetting(1)
  SHUTDOWN_GRACE_SECONDS = 10;

  /** The bearer token a Prometheus scraper sends to read /metrics; without it, /metrics answers 404. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  /** JWT_SECRET, or the generated one (see secrets.ts), set once by loadConfig. */
  jwtSecret: string;

  /** An internal error tells its own message (in development only); elsewhere it is "Internal server error". */
  get exposesInternals(): boolean {
    return this.NODE_ENV === 'development';
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get runsFetchScheduler(): boolean {
    return this.FETCH_SCHEDULER ? this.FETCH_SCHEDULER === 'on' : this.NODE_ENV !== 'test';
  }

  get runsNotificationScheduler(): boolean {
    return this.NOTIFICATION_SCHEDULER ? this.NOTIFICATION_SCHEDULER === 'on' : this.NODE_ENV !== 'test';
  }

  /**
   * The one base of every link sent by e-mail: PUBLIC_URL, else this server on localhost. Never a
   * request's Host header, which the client writes (a phishing link from Tandem's own mail).
   */
  get linkBase(): string {
    return this.PUBLIC_URL ?? `http://localhost:${this.PORT}`;
  }

  get usesEmbeddedDatabase(): boolean {
    return !this.DATABASE_URL;
  }
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const config = plainToInstance(AppConfig, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((error) => `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration — ${lines.join(' | ')}`);
  }
  if (config.isProduction && !config.JWT_SECRET) {
    throw new ConfigError('Invalid configuration — JWT_SECRET: required when NODE_ENV=production');
  }
  if (config.isProduction && !config.MFA_ENCRYPTION_KEY) {
    throw new ConfigError('Invalid configuration — MFA_ENCRYPTION_KEY: required when NODE_ENV=production');
  }
  if (config.isProduction && !config.PUBLIC_URL) {
    throw new ConfigError('Invalid configuration — PUBLIC_URL: required when NODE_ENV=production');
  }
  if (config.isProduction && (config.PASSWORD_HASH_MEMORY_KIB < 19_456 || config.PASSWORD_HASH_ITERATIONS < 2)) {
    throw new ConfigError('Invalid configuration — PASSWORD_HASH_MEMORY_KIB, PASSWORD_HASH_ITERATIONS: at least 19456 and 2 when NODE_ENV=production');
  }
  config.jwtSecret = resolveJwtSecret(config);
  return config;
}
