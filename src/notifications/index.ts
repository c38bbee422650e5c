/** What other modules may use of the notifications module: the module itself (its scheduler and templates run on their own). */
export { DigestScheduler } from './digest-scheduler';
export { NotificationsModule } from './notifications.module';
