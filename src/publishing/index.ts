/** What other modules may use of the publishing module. */
export { PublishingModule } from './publishing.module';
