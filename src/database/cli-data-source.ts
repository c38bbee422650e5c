import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** For `npm run migration:*`: works against the PostgreSQL server named by DATABASE_URL. */
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('DATABASE_URL: required by the TypeORM CLI (e.g. postgres://postgres@127.0.0.1:5432/tandem)');
}

export default new DataSource({
  ...dataSourceOptions(url, false),
  entities: [`${__dirname}/../**/*.entity.{ts,js}`],
});
