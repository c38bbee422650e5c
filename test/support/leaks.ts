import type { GraphQLResponse, TestApp } from './harness';

/**
 * What must never leave the server outside development: a driver or ORM error, a stack trace or
 * one of its frames, a file path, SQL or a PostgreSQL message.
 */
const INTERNALS = [
  /QueryFailedError|EntityNotFound|TypeORMError|DatabaseError/,
  /\bstack(trace)?\b/i,
  /\bat [\w$.<>[\]]+ \(|\bat (async )?[\w$.]+ \(?\//,
  /\/work\/|node_modules|\.ts:\d+/,
  /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b[\s\S]*\b(FROM|VALUES|SET|WHERE)\b/,
  /duplicate key|violates|constraint|relation "|syntax error at or near|invalid input syntax|SQLSTATE/i,
];

/** The pieces of `text` that look internal; empty when it is clean. */
export function internalsIn(text: string): string[] {
  return INTERNALS.flatMap((pattern) => text.match(pattern)?.[0] ?? []);
}

/**
 * Watches every GraphQL response `app` gives from now on: each error must carry a public code
 * (never INTERNAL_SERVER_ERROR, which means a bug) and no response may show anything internal.
 * Returns the problems seen, for one `expect(problems).toEqual([])` at the end of the file.
 */
export function watchResponses(app: TestApp): string[] {
  const problems: string[] = [];
  app.observe((response: GraphQLResponse, body: string) => {
    for (const error of response.errors ?? []) {
      const code = error.extensions?.code;
      if (!code || code === 'INTERNAL_SERVER_ERROR') problems.push(`${code ?? 'no code'}: ${error.message} at ${error.path?.join('.') ?? '(request)'}`);
    }
    for (const leak of internalsIn(body)) problems.push(`internal detail "${leak}" in ${body.slice(0, 300)}`);
  });
  return problems;
}
