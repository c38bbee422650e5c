export { DatabaseModule } from './database.module';
export { databaseUnavailable } from './database-errors';
