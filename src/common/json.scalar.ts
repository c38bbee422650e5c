import { GraphQLJSONObject } from 'graphql-scalars';

/** Free-form details (audit events): a JSON object. */
export default GraphQLJSONObject;
