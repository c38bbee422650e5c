/**
 * Loads TypeScript with SWC (and .swcrc) in a plain Node process, as @swc/jest does in Jest: for
 * scripts the tests run outside Jest's module registry (migrate-template.ts), and the benchmarks.
 * Not ts-node for the benchmarks: ts-node loads Node's REPL and with it the `domain` module, which
 * from then on wraps every callback of the process, a cost the server never pays in production
 * (`node dist/src/main.js`) and one that weighs on GraphQL's many callbacks more than on a bare
 * route's few.
 */
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => module._compile(transformSync(readFileSync(filename, 'utf8'), { filename }).code, filename);
