import { registerEnumType } from '@nestjs/graphql';

/**
 * Who may see a thing inside a workspace: all partners (WORKSPACE), only members acting for the
 * organization that owns it (ORGANIZATION, "internal only"), or anyone, outside the workspace too (PUBLIC).
 */
export enum Visibility {
  WORKSPACE = 'WORKSPACE',
  ORGANIZATION = 'ORGANIZATION',
  PUBLIC = 'PUBLIC',
}
registerEnumType(Visibility, { name: 'Visibility' });
