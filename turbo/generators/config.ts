import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { PlopTypes } from '@turbo/gen';

// `pnpm gen procedure` (or non-interactively:
// `pnpm gen procedure --args <router> <name> <query|mutation> <public|protected>`).
// Writes the procedure into packages/api/src/routers/<router>.ts (creating and
// registering the router when it is new), a test beside the other API tests,
// and regenerates docs/api.

const IDENTIFIER = /^[a-z][a-zA-Z0-9]{1,39}$/;

interface Answers {
  router: string;
  name: string;
  kind: 'query' | 'mutation';
  access: 'public' | 'protected';
}

export default function generator(plop: PlopTypes.NodePlopAPI): void {
  const root = plop.getDestBasePath();
  const routersDir = path.join(root, 'packages/api/src/routers');
  const existingRouters = () =>
    readdirSync(routersDir)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => file.replace(/\.ts$/, ''));

  for (const [partial, file] of [
    ['procedure', 'procedure.hbs'],
    ['inputSchema', 'input-schema.hbs'],
  ]) {
    plop.setPartial(
      partial!,
      readFileSync(path.join(plop.getPlopfilePath(), 'templates', file!), 'utf8'),
    );
  }

  plop.setGenerator('procedure', {
    description: 'A tRPC procedure with input and output schemas, its router and a test',
    prompts: [
      {
        type: 'input',
        name: 'router',
        message: () =>
          `Router (existing: ${existingRouters().join(', ')}; another name creates it)`,
        validate: (value: string) =>
          IDENTIFIER.test(value) || 'camelCase, 2 to 40 letters or digits, e.g. notes',
      },
      {
        type: 'input',
        name: 'name',
        message: 'Procedure name (camelCase, e.g. list or addNote)',
        validate: (value: string, answers?: Partial<Answers>) => {
          if (!IDENTIFIER.test(value)) return 'camelCase, 2 to 40 letters or digits, e.g. addNote';
          const file = path.join(routersDir, `${answers?.router ?? ''}.ts`);
          if (existsSync(file) && new RegExp(`^  ${value}:`, 'm').test(readFileSync(file, 'utf8')))
            return `${answers?.router}.${value} already exists`;
          return true;
        },
      },
      {
        type: 'list',
        name: 'kind',
        message: 'Query (reads) or mutation (changes something)?',
        choices: ['query', 'mutation'],
      },
      {
        type: 'list',
        name: 'access',
        message: 'Who may call it? (anything touching user data must be protected)',
        choices: ['public', 'protected'],
        validate: (value: string) =>
          value !== 'protected' ||
          /export const protectedProcedure\b/.test(
            readFileSync(path.join(root, 'packages/api/src/trpc.ts'), 'utf8'),
          ) ||
          'packages/api/src/trpc.ts has no protectedProcedure yet (it comes with accounts)',
      },
    ],
    actions: (data) => {
      const answers = data as Answers;
      // e.g. reorderPlacesInputSchema, as the schemas already in @skycast/validators are named.
      const inputSchema = `${answers.name}${plop.getHelper('pascalCase')(answers.router)}InputSchema`;
      Object.assign(data as object, {
        isQuery: answers.kind === 'query',
        isPublic: answers.access === 'public',
        inputSchema,
      });
      const validatorsDir = path.join(root, 'packages/validators/src');
      const schemaFile = path.join(validatorsDir, `${answers.router}.ts`);
      const routerFile = path.join(routersDir, `${answers.router}.ts`);
      const testFile = path.join(
        root,
        `packages/api/test/${plop.getHelper('kebabCase')(answers.router)}-${plop.getHelper('kebabCase')(answers.name)}.test.ts`,
      );
      const actions: PlopTypes.ActionType[] = [];
      if (existsSync(schemaFile)) {
        actions.push(() => addInputSchema(schemaFile, answers, plop));
      } else {
        actions.push({ type: 'add', path: schemaFile, templateFile: 'templates/validators.hbs' });
      }
      actions.push(() =>
        exportInputSchema(path.join(validatorsDir, 'index.ts'), answers.router, inputSchema),
      );
      if (existsSync(routerFile)) {
        actions.push(() =>
          addProcedure(routerFile, data as Answers & { inputSchema: string }, plop),
        );
      } else {
        actions.push({ type: 'add', path: routerFile, templateFile: 'templates/router.hbs' }, () =>
          registerRouter(path.join(root, 'packages/api/src/root.ts'), answers.router),
        );
      }
      actions.push(
        { type: 'add', path: testFile, templateFile: 'templates/test.hbs' },
        () => {
          const prettier = path.join(root, 'node_modules/prettier/bin/prettier.cjs');
          runStep('Prettier', [prettier, '--write', routerFile, testFile, schemaFile], root);
          runStep('pnpm api:docs', ['packages/api/src/cli/api-docs.ts'], root);
          return 'formatted with Prettier; docs/api regenerated';
        },
        () => nextSteps(answers, path.relative(root, testFile)),
      );
      return actions;
    },
  });
}

/** Runs a Node script; on failure, says which step failed and shows its output. */
function runStep(name: string, args: string[], cwd: string): void {
  try {
    execFileSync(process.execPath, args, { cwd, stdio: 'pipe' });
  } catch (error) {
    const failure = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(
      `${name} failed after the files were written:\n${String(failure.stderr ?? '')}${String(failure.stdout ?? '')}`,
    );
  }
}

/** Appends the procedure's input schema to an existing file of @skycast/validators. */
function addInputSchema(file: string, data: object, plop: PlopTypes.NodePlopAPI): string {
  let source = readFileSync(file, 'utf8');
  const schema = plop.renderString('{{> inputSchema}}', data);
  if (!/import \{[^}]*\bz\b[^}]*\} from 'zod';/.test(source))
    source = `import { z } from 'zod';\n${source}`;
  if (!/import \{[^}]*\btext\b[^}]*\} from '\.\/text\.ts';/.test(source)) {
    source = source.replace(
      /(import \{[^}]*\} from 'zod';\n)/,
      `$1\nimport { text } from './text.ts';\n`,
    );
  }
  writeFileSync(file, `${source.trimEnd()}\n\n${schema}`);
  return `added its input schema to packages/validators/src/${path.basename(file)}`;
}

/** Exports the schema from @skycast/validators' index, beside the file's other exports. */
function exportInputSchema(indexFile: string, router: string, schema: string): string {
  let source = readFileSync(indexFile, 'utf8');
  const fromFile = new RegExp(`export \\{([^}]*)\\} from '\\./${router}\\.ts';`);
  source = fromFile.test(source)
    ? withName(source, fromFile, schema)
    : `${source.trimEnd()}\nexport { ${schema} } from './${router}.ts';\n`;
  writeFileSync(indexFile, source);
  return `exported ${schema} from @skycast/validators`;
}

/** Inserts the procedure before the closing line of an existing router record. */
function addProcedure(
  file: string,
  answers: Answers & { inputSchema: string },
  plop: PlopTypes.NodePlopAPI,
): string {
  let source = readFileSync(file, 'utf8');
  const closing = '\n} satisfies TRPCRouterRecord;';
  if (!source.includes(closing)) {
    throw new Error(`${file} does not end its router with "} satisfies TRPCRouterRecord;"`);
  }
  const procedure = plop.renderString(
    readFileSync(path.join(plop.getPlopfilePath(), 'templates/procedure.hbs'), 'utf8'),
    answers,
  );
  source = source.replace(closing, `\n${procedure.trimEnd()}${closing}`);
  const builder = `${answers.access}Procedure`;
  const trpcImport = /import \{([^}]*)\} from '\.\.\/trpc\.ts';/;
  if (!trpcImport.test(source)) {
    source = source.replace(/(\n\nexport const )/, `\nimport { ${builder} } from '../trpc.ts';$1`);
  } else if (
    !trpcImport
      .exec(source)![1]!
      .split(',')
      .some((name) => name.trim() === builder)
  ) {
    source = withName(source, trpcImport, builder, { sorted: true });
  }
  if (!/import \{[^}]*\bz\b[^}]*\} from 'zod';/.test(source)) {
    source = source.replace(
      /(import type \{ TRPCRouterRecord \} from '@trpc\/server';\n)/,
      `$1import { z } from 'zod';\n`,
    );
  }
  const validatorsImport = /import \{([^}]*)\} from '@skycast\/validators';/;
  source = validatorsImport.test(source)
    ? withName(source, validatorsImport, answers.inputSchema)
    : source.replace(
        /(import \{[^}]*\} from 'zod';\n)/,
        `$1\nimport { ${answers.inputSchema} } from '@skycast/validators';\n`,
      );
  writeFileSync(file, source);
  return `added ${answers.router}.${answers.name} to ${path.basename(file)}`;
}

/** Adds `name` to the braces of the import or export that `statement` matches (its one group). */
function withName(
  source: string,
  statement: RegExp,
  name: string,
  { sorted = false } = {},
): string {
  return source.replace(statement, (whole, list: string) => {
    const names = [
      ...list
        .split(',')
        .map((each) => each.trim())
        .filter(Boolean),
      name,
    ];
    if (sorted) names.sort();
    return whole.replace(`{${list}}`, `{ ${names.join(', ')} }`);
  });
}

/** Imports a new router in root.ts and adds it to the app router. */
function registerRouter(rootFile: string, router: string): string {
  let source = readFileSync(rootFile, 'utf8');
  const lastRouterImport = [
    ...source.matchAll(/^import \{ \w+Router \} from '\.\/routers\/[\w-]+\.ts';$/gm),
  ].at(-1);
  const importLine = `import { ${router}Router } from './routers/${router}.ts';`;
  if (lastRouterImport?.index === undefined) source = `${importLine}\n${source}`;
  else {
    const end = lastRouterImport.index + lastRouterImport[0].length;
    source = `${source.slice(0, end)}\n${importLine}${source.slice(end)}`;
  }
  const opening = 'export const appRouter = createTRPCRouter({\n';
  if (!source.includes(opening)) throw new Error(`${rootFile} has no "${opening.trim()}"`);
  source = source.replace(
    /\n\}\);\n\nexport type AppRouter/,
    `\n  ${router}: ${router}Router,\n});\n\nexport type AppRouter`,
  );
  writeFileSync(rootFile, source);
  return `registered ${router}Router in root.ts`;
}

function nextSteps(answers: Answers, testFile: string): string {
  const call =
    answers.kind === 'query'
      ? `const { data } = useQuery(trpc.${answers.router}.${answers.name}.queryOptions({ name: 'Ada' }));`
      : `const save = useMutation(trpc.${answers.router}.${answers.name}.mutationOptions());\n      save.mutate({ name: 'Ada' });`;
  return `done. Next:
    1. Replace the example input/output and body; keep every string and array bounded.
    2. Run its test: pnpm --filter @skycast/api exec vitest run ${testFile.replace('packages/api/', '')}
    3. Call it from the web app (apps/web), fully typed:
      import { trpc } from '../trpc.ts'; // apps/web/src/trpc.ts
      ${call}
    4. pnpm api:docs after changing schemas (a test fails while docs/api is stale); see docs/adding-a-procedure.md.`;
}
