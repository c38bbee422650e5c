import { readFileSync } from 'node:fs';
import { renderSchema, SCHEMA_FILE } from '../src/schema-file';
import { describeApp } from './support/harness';

describeApp('the published contract', ({ app }) => {
  it('schema.gql is what the resolvers produce (run `npm run schema:print` after changing the API)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(renderSchema(app.app));
  });

  it('the migrations build exactly the schema the entities describe (no drift)', async () => {
    const pending = await app.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});
