import { plainToInstance, Transform } from 'class-transformer';
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

  /** Where the embedded database and the generated secrets live. `memory://` keeps nothing. */
  @IsString()
  TANDEM_DATA_DIR = './data';

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL' })
  REDIS_URL?: string;

  /** Signs access tokens. Generated into the data folder in embedded mode; required in production. */
  @IsOptional()
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string;

  /**
   * The address people reach this server at, for the links it hands out (feeds, calendars).
   * Without it, links are built from the request's Host header, which a client controls.
   */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\/+$/, '') : value))
  @Matches(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, { message: 'must be an http(s) URL such as https://tandem.example.ca' })
  PUBLIC_URL?: string;

  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  TRUST_PROXY = false;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** `host:port` pairs the feed fetcher may reach even though they resolve to private addresses. */
  @Transform(toList)
  @IsString({ each: true })
  FETCH_ALLOW_HOSTS: string[] = [];

  /** `on` runs the feed scheduler (in process, or enqueuing with REDIS_URL); default on, except with NODE_ENV=test. */
  @IsOptional()
  @IsIn(['on', 'off'])
  FETCH_SCHEDULER?: 'on' | 'off';

  /** Feeds fetched at once, per process (scheduler or worker). */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(64)
  FETCH_CONCURRENCY = 8;

  /** How often a healthy feed is fetched. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  FETCH_INTERVAL_SECONDS = 1800;

  /** A failing feed waits base × 2^(failures − 1), at most the maximum. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  FETCH_BACKOFF_BASE_SECONDS = 300;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  FETCH_BACKOFF_MAX_SECONDS = 86_400;

  /** How often the scheduler looks for due feeds. */
  @Transform(toNumber)
  @IsInt()
  @Min(50)
  FETCH_TICK_MS = 10_000;

  /** Prefix of the BullMQ keys in Redis (one per deployment, or per test). */
  @Matches(/^[A-Za-z0-9_.:-]+$/, { message: 'letters, digits and _ . : - only' })
  FETCH_QUEUE_PREFIX = 'tandem';

  /** JWT_SECRET, or the generated one (see secrets.ts), set once by loadConfig. */
  jwtSecret: string;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get runsFetchScheduler(): boolean {
    return this.FETCH_SCHEDULER ? this.FETCH_SCHEDULER === 'on' : this.NODE_ENV !== 'test';
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
  config.jwtSecret = resolveJwtSecret(config);
  return config;
}
