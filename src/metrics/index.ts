/** What other modules may use of the metrics module: the module itself (app.module wires it). */
export { MetricsModule } from './metrics.module';
