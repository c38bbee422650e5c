/**
 * Loads TypeScript with SWC (and .swcrc) in a plain Node process, as @swc/jest does in Jest: for
 * scripts the tests run outside Jest's module registry (migrate-template.ts).
 */
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => module._compile(transformSync(readFileSync(filename, 'utf8'), { filename }).code, filename);
