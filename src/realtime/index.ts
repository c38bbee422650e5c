/** What other modules may use of the realtime module: the module, and the connections Mercurius authenticates through. */
export { CloseCode } from './close-codes';
export { LiveConnections } from './live-connections';
export { RealtimeModule } from './realtime.module';
