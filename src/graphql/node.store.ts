import { Injectable } from '@nestjs/common';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Which node table holds an id. It reads only whether an id exists, never a row: whether the caller
 * may see it is each module's own service's decision (see NodeResolver).
 */
@Injectable()
export class NodeStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The type of each id found among the tables of `types` (typename → entity), in one statement. */
  async typesOf(ids: readonly string[], types: ReadonlyMap<string, EntityTarget<ObjectLiteral>>): Promise<Map<string, string>> {
    // Table names come from the entities' metadata; type names are bound as parameters.
    const lookups = [...types].map(([, entity], index) => {
      const table = this.dataSource.getMetadata(entity).tablePath.split('.').map((part) => `"${part}"`).join('.');
      return `SELECT id::text AS id, $${index + 2}::text AS type FROM ${table} WHERE id = ANY($1::uuid[])`;
    });
    const rows: { id: string; type: string }[] = await this.dataSource.query(lookups.join(' UNION ALL '), [ids, ...types.keys()]);
    return new Map(rows.map((row) => [row.id, row.type]));
  }
}
