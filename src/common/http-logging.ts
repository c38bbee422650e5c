import { Params } from 'nestjs-pino';

/** A secret carried in a URL: a 256-bit opaque token as a path segment (calendar links), or a credential-like query parameter. */
const SECRET_SEGMENT = /\/[A-Za-z0-9_-]{43}(?=[./?#]|$)/g;
const SECRET_PARAMETER = /([?&](?:token|access_token|key|secret)=)[^&#]*/gi;

/** The URL as it may be logged: a secret address must not become readable to whoever reads the logs. */
export function redactUrlSecrets(url: string): string {
  return url.replace(SECRET_SEGMENT, '/[REDACTED]').replace(SECRET_PARAMETER, '$1[REDACTED]');
}

/** The request logger: JSON lines without credentials, in headers or in URLs. */
export function httpLoggerOptions(level: string): Params {
  return {
    pinoHttp: {
      level,
      // The query string is also logged parsed (req.query): its credential-like parameters go too.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.query.token', 'req.query.access_token', 'req.query.key', 'req.query.secret'],
      serializers: {
        req: (request: { url?: string }) => Object.assign(request, request.url ? { url: redactUrlSecrets(request.url) } : {}),
      },
    },
  };
}
