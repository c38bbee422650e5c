import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

/**
 * The boundaries between the modules of src/, read from the sources. A domain module is a folder
 * of src/ with an index.ts (its public surface); the infrastructure folders and the root files
 * serve everyone: anyone may import them, and they may import any module.
 */
const SRC = resolve(__dirname, '../src');
const INFRASTRUCTURE = new Set(['common', 'config', 'database', 'graphql', 'health']);

/** Tables a module reads although another module owns them, each with its reason. */
const BORROWED_TABLES: Record<string, Record<string, string>> = {
  workspaces: { organization_membership: 'the access policy admits only members of an active partner organization, in SQL for lists' },
};

/** Entity-manager, repository and query-builder calls whose first argument is the entity they work on. */
const ORM_TARGET_CALLS = new Set([
  'InjectRepository',
  'getRepository',
  'find',
  'findOne',
  'findBy',
  'findOneBy',
  'findOneOrFail',
  'findOneByOrFail',
  'findAndCount',
  'save',
  'insert',
  'update',
  'upsert',
  'delete',
  'create',
  'count',
  'countBy',
  'exists',
  'existsBy',
  'increment',
  'decrement',
  'createQueryBuilder',
  'from',
  'into',
  'innerJoin',
  'leftJoin',
  'innerJoinAndSelect',
  'leftJoinAndSelect',
]);
/** Relations to a class; a relation to another module's entity names it by string (type-only import). */
const RELATION_DECORATORS = new Set(['ManyToOne', 'OneToMany', 'OneToOne', 'ManyToMany']);
/** Query-builder calls whose first argument may be a table name. */
const TABLE_CALLS = new Set(['from', 'into', 'innerJoin', 'leftJoin', 'innerJoinAndSelect', 'leftJoinAndSelect', 'update']);
const SQL_TABLE = /\b(?:FROM|JOIN|INTO|UPDATE)\s+"?([a-z_][a-z0-9_]*)"?/g;
const SERVICE_MAX_LINES = 300;
/** What a service must not run SQL on: it asks a store. */
const DATABASE_HANDLES = new Set(['DataSource', 'EntityManager', 'QueryRunner']);

interface SourceFile {
  /** Relative to the repository, for messages: src/articles/article.store.ts */
  name: string;
  path: string;
  /** The domain module it belongs to; undefined for infrastructure and root files. */
  module?: string;
  ast: ts.SourceFile;
  lines: number;
}

const modules = readdirSync(SRC, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !INFRASTRUCTURE.has(entry.name) && existsSync(join(SRC, entry.name, 'index.ts')))
  .map((entry) => entry.name);

const moduleOf = (path: string): string | undefined => {
  const [top, ...rest] = relative(SRC, path).split('/');
  return rest.length > 0 && modules.includes(top) ? top : undefined;
};

function sourceFiles(folder: string): SourceFile[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    if (!entry.name.endsWith('.ts')) return [];
    const text = readFileSync(path, 'utf8');
    const ast = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
    return [{ name: relative(resolve(SRC, '..'), path), path, module: moduleOf(path), ast, lines: text.trimEnd().split('\n').length }];
  });
}

const files = sourceFiles(SRC);

/** Every node of a file, depth first. */
function nodesOf(node: ts.Node): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (child: ts.Node) => {
    found.push(child);
    ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}

interface ModuleImport {
  file: SourceFile;
  specifier: string;
  /** The domain module imported from, and whether through its index. */
  target: string;
  throughIndex: boolean;
  declaration: ts.ImportDeclaration | ts.ExportDeclaration;
}

/** The imports and re-exports of a file that reach into a domain module other than its own. */
function crossModuleImports(file: SourceFile): ModuleImport[] {
  return file.ast.statements.flatMap((statement) => {
    if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement))) return [];
    if (!statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) return [];
    const specifier = statement.moduleSpecifier.text;
    if (!specifier.startsWith('.')) return [];
    const resolved = resolve(dirname(file.path), specifier);
    const [target, ...inside] = relative(SRC, resolved).split('/');
    if (!modules.includes(target) || target === file.module) return [];
    const throughIndex = inside.length === 0 || (inside.length === 1 && inside[0] === 'index');
    return [{ file, specifier, target, throughIndex, declaration: statement }];
  });
}

const snakeCase = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

const decoratorCall = (decorator: ts.Decorator, names: Set<string>): ts.CallExpression | undefined =>
  ts.isCallExpression(decorator.expression) && ts.isIdentifier(decorator.expression.expression) && names.has(decorator.expression.expression.text)
    ? decorator.expression
    : undefined;

/** The table of an @Entity class: the name given in @Entity('name') or @Entity({ name }), or the class name in snake_case. */
function tableOf(declaration: ts.ClassDeclaration): string | undefined {
  const entity = (ts.getDecorators(declaration) ?? []).map((decorator) => decoratorCall(decorator, new Set(['Entity']))).find(Boolean);
  if (!entity || !declaration.name) return undefined;
  const [argument] = entity.arguments;
  if (argument && ts.isStringLiteral(argument)) return argument.text;
  if (argument && ts.isObjectLiteralExpression(argument)) {
    const name = argument.properties.find((property) => property.name && ts.isIdentifier(property.name) && property.name.text === 'name');
    if (name && ts.isPropertyAssignment(name) && ts.isStringLiteral(name.initializer)) return name.initializer.text;
  }
  return snakeCase(declaration.name.text);
}

/** Each module's entity classes and the tables they map to. */
const entities = files.flatMap((file) =>
  file.module
    ? file.ast.statements.filter(ts.isClassDeclaration).flatMap((declaration) => {
        const table = tableOf(declaration);
        return table && declaration.name ? [{ module: file.module as string, className: declaration.name.text, table }] : [];
      })
    : [],
);

/** The local names a file gives to other modules' entity classes. */
function importedEntities(file: SourceFile): Map<string, string> {
  const names = new Map<string, string>();
  for (const { declaration, target } of crossModuleImports(file)) {
    const bindings = ts.isImportDeclaration(declaration) ? declaration.importClause?.namedBindings : undefined;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      const imported = (element.propertyName ?? element.name).text;
      if (entities.some((entity) => entity.module === target && entity.className === imported)) names.set(element.name.text, `${target}'s ${imported}`);
    }
  }
  return names;
}

const calleeName = (call: ts.CallExpression): string | undefined =>
  ts.isIdentifier(call.expression) ? call.expression.text : ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : undefined;

/** The text of a string or template literal, with `?` for each substitution. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ? ');
  return undefined;
}

const at = (file: SourceFile, node: ts.Node) => `${file.name}:${file.ast.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
const moduleFiles = files.filter((file) => file.module);
const serviceFiles = files.filter((file) => file.path.endsWith('.service.ts'));

describe('module boundaries in src/', () => {
  it('finds the domain modules and their entities', () => {
    expect(modules).toEqual(expect.arrayContaining(['activity', 'articles', 'auth', 'coverage', 'organizations', 'sources', 'workspaces']));
    expect(entities.length).toBeGreaterThan(0);
  });

  it("imports another module through its index.ts, never one of its files", () => {
    const offences = moduleFiles
      .flatMap(crossModuleImports)
      .filter((entry) => !entry.throughIndex)
      .map((entry) => `${at(entry.file, entry.declaration)} imports '${entry.specifier}': import '${relative(dirname(entry.file.path), join(SRC, entry.target))}' instead`);
    expect(offences).toEqual([]);
  });

  it("exports no store and no resolver from a module's index.ts", () => {
    const offences = modules.flatMap((module) => {
      const index = files.find((file) => file.path === join(SRC, module, 'index.ts')) as SourceFile;
      const internal = (specifier: string) => /\.(store|resolver)$/.test(specifier);
      const imported = new Map<string, string>();
      for (const statement of index.ast.statements) {
        if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !internal(statement.moduleSpecifier.text)) continue;
        const bindings = statement.importClause?.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) imported.set(element.name.text, statement.moduleSpecifier.text);
      }
      return index.ast.statements.flatMap((statement) => {
        if (!ts.isExportDeclaration(statement)) return [];
        if (statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
          return internal(statement.moduleSpecifier.text) ? [`${at(index, statement)} exports from '${statement.moduleSpecifier.text}'`] : [];
        }
        const clause = statement.exportClause;
        if (!clause || !ts.isNamedExports(clause)) return [];
        return clause.elements.flatMap((element) => {
          const from = imported.get((element.propertyName ?? element.name).text);
          return from ? [`${at(index, statement)} exports ${element.name.text} from '${from}'`] : [];
        });
      });
    });
    expect(offences).toEqual([]);
  });

  it("uses no other module's entity as a repository, query or relation target (relations name it by string)", () => {
    const offences = moduleFiles.flatMap((file) => {
      const foreign = importedEntities(file);
      if (foreign.size === 0) return [];
      const isForeign = (node: ts.Node | undefined): node is ts.Identifier => !!node && ts.isIdentifier(node) && foreign.has(node.text);
      return nodesOf(file.ast).flatMap((node) => {
        if (!ts.isCallExpression(node)) return [];
        const name = calleeName(node);
        const [first] = node.arguments;
        const targets: ts.Identifier[] = [];
        if (name && ORM_TARGET_CALLS.has(name) && isForeign(first)) targets.push(first);
        if (name === 'forFeature' && first && ts.isArrayLiteralExpression(first)) targets.push(...first.elements.filter(isForeign));
        if (name && RELATION_DECORATORS.has(name) && first && ts.isArrowFunction(first) && isForeign(first.body)) targets.push(first.body);
        return targets.map((target) => `${at(file, node)} ${name}(${target.text}): ${foreign.get(target.text)} belongs to its module; ask its service`);
      });
    });
    expect(offences).toEqual([]);
  });

  it("names no other module's table in SQL", () => {
    const ownerOf = new Map(entities.map((entity) => [entity.table, entity.module]));
    const offences = moduleFiles.flatMap((file) =>
      nodesOf(file.ast).flatMap((node) => {
        const tables: string[] = [];
        const text = literalText(node);
        if (text) for (const match of text.matchAll(SQL_TABLE)) tables.push(match[1]);
        if (ts.isCallExpression(node) && TABLE_CALLS.has(calleeName(node) ?? '') && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
          tables.push(node.arguments[0].text);
        }
        return tables
          .filter((table) => {
            const owner = ownerOf.get(table);
            return owner && owner !== file.module && !BORROWED_TABLES[file.module as string]?.[table];
          })
          .map((table) => `${at(file, node)} reads ${table}, a table of ${ownerOf.get(table)}: ask its service`);
      }),
    );
    expect(offences).toEqual([]);
  });

  it(`keeps every service under ${SERVICE_MAX_LINES} lines`, () => {
    const offences = serviceFiles.filter((file) => file.lines > SERVICE_MAX_LINES).map((file) => `${file.name}: ${file.lines} lines; split it by use case`);
    expect(offences).toEqual([]);
  });

  it('runs no SQL and injects no repository in a service: stores do', () => {
    const offences = serviceFiles.flatMap((file) => {
      const nodes = nodesOf(file.ast);
      const typeName = (type: ts.TypeNode | undefined) => (type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) ? type.typeName.text : undefined);
      // Names that hold a database handle here: declared with its type, or the `tx` of a transaction callback.
      const handles = new Set<string>();
      for (const node of nodes) {
        if ((ts.isParameter(node) || ts.isPropertyDeclaration(node) || ts.isVariableDeclaration(node)) && ts.isIdentifier(node.name) && DATABASE_HANDLES.has(typeName(node.type) ?? '')) {
          handles.add(node.name.text);
        }
        if (ts.isCallExpression(node) && calleeName(node) === 'transaction') {
          for (const argument of node.arguments) if (ts.isArrowFunction(argument) || ts.isFunctionExpression(argument)) for (const parameter of argument.parameters) if (ts.isIdentifier(parameter.name)) handles.add(parameter.name.text);
        }
      }
      const onHandle = (receiver: ts.Expression): boolean =>
        (ts.isIdentifier(receiver) && handles.has(receiver.text)) || (ts.isPropertyAccessExpression(receiver) && (handles.has(receiver.name.text) || onHandle(receiver.expression)));
      return nodes.flatMap((node) => {
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'query' && onHandle(node.expression.expression)) {
          return [`${at(file, node)} runs ${node.expression.getText()}(): SQL belongs in a store`];
        }
        if (ts.isTypeReferenceNode(node) && typeName(node) === 'Repository') return [`${at(file, node)} uses ${node.getText()}: a store holds the repository`];
        return [];
      });
    });
    expect(offences).toEqual([]);
  });
});
