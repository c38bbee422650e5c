/** What other modules may use of the integrations module: the module (app.module wires it; auth reaches it through API_TOKEN_VERIFIER). */
export { IntegrationsModule } from './integrations.module';
