import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Public } from '../auth';
import { AppConfig } from '../config/config';

/** A file of an installed npm package, by its path inside the package. */
const packageFile = (pkg: string, path: string) => join(dirname(require.resolve(`${pkg}/package.json`)), path);

// GraphiQL and the React it runs on, from node_modules: the page works on a machine without internet.
const ASSETS: Record<string, { file: string; type: string }> = {
  'graphiql.min.css': { file: packageFile('graphiql', 'graphiql.min.css'), type: 'text/css; charset=utf-8' },
  'graphiql.min.js': { file: packageFile('graphiql', 'graphiql.min.js'), type: 'application/javascript; charset=utf-8' },
  'react.production.min.js': { file: packageFile('react', 'umd/react.production.min.js'), type: 'application/javascript; charset=utf-8' },
  'react-dom.production.min.js': { file: packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'application/javascript; charset=utf-8' },
};

const START = `const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify('/graphql')} });
ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true }));
`;

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Tandem — GraphiQL</title>
  <meta name="robots" content="noindex">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/graphiql/assets/graphiql.min.css">
  <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql"></div>
  <script src="/graphiql/assets/react.production.min.js"></script>
  <script src="/graphiql/assets/react-dom.production.min.js"></script>
  <script src="/graphiql/assets/graphiql.min.js"></script>
  <script src="/graphiql/assets/start.js"></script>
</body>
</html>
`;

/**
 * GraphiQL outside production, served entirely by the app (Mercurius' own page loads its scripts
 * from a CDN). The policy header keeps the browser from fetching anything from another host.
 */
@Controller('graphiql')
export class GraphiqlController {
  private readonly assets = new Map<string, string>();

  constructor(private readonly config: AppConfig) {}

  @Public()
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:")
  page(): string {
    this.assertEnabled();
    return PAGE;
  }

  @Public()
  @Get('assets/start.js')
  @Header('content-type', 'application/javascript; charset=utf-8')
  start(): string {
    this.assertEnabled();
    return START;
  }

  @Public()
  @Get('assets/:name')
  @Header('cache-control', 'public, max-age=86400')
  asset(@Param('name') name: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    this.assertEnabled();
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) throw new NotFoundException();
    let content = this.assets.get(name);
    if (content === undefined) this.assets.set(name, (content = readFileSync(asset.file, 'utf8')));
    reply.header('content-type', asset.type);
    return content;
  }

  private assertEnabled(): void {
    if (this.config.isProduction) throw new NotFoundException();
  }
}
