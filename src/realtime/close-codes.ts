/**
 * How the server ends a live connection, as the client reads it: the graphql-ws close codes where
 * the protocol has one, in its 4xxx range for the rest.
 */
export const CloseCode = {
  /** No access token, a bad one, or one that expired while connected: sign in again. */
  unauthorized: 4401,
  /** The session ended (logout, a reused refresh token), or an API token: no live updates. */
  forbidden: 4403,
  /** The consumer read too slowly: events waited past the bound. Reconnect and resume with `after`. */
  slowConsumer: 4408,
  /** The session could not be checked (the database away or saturated): reconnect a little later. */
  tryAgainLater: 1013,
  /** The server is shutting down (a deployment, a restart): reconnect, to another process or in a moment, and resume with `after`. */
  goingAway: 1001,
  /** More live connections than a person may hold, or a second connection_init. */
  tooManyConnections: 4429,
} as const;
