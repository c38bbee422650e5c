export { defineProjection, first, growingMany, many, one, oneWhere, projectionOf } from './projection-map';
export type { ProjectedRelation, RelationSql, SortOrder, TypeProjection } from './projection-map';
export { PROJECTED } from './projection-compiler';
export { projectedValue, selectProjection } from './projected-rows';
export type { ProjectedRow } from './projected-rows';
export { connectionNodes, selectsOnly } from './selection';
export type { NodeSelection } from './selection';
export { FieldArgument } from './field-argument';
