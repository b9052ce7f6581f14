import { TRPCError, type AnyRouter, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { z } from 'zod';

import { ERROR_REASONS, noInputSchema } from '@skycast/validators';

import { listProcedures } from './procedures.ts';

type JsonSchema = Record<string, unknown>;

export interface ProcedureError {
  code: TRPC_ERROR_CODE_KEY;
  httpStatus: number;
  when: string;
}

/** One procedure as the API reference and the OpenAPI document show it. */
export interface ProcedureDoc {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  access: 'public' | 'protected';
  description: string | undefined;
  input: JsonSchema | null;
  output: JsonSchema | null;
  example: unknown;
  rateLimit: { max: number; windowSeconds: number } | undefined;
  cacheSeconds: number | undefined;
  errors: ProcedureError[];
}

const ERROR_CODE_MEANINGS: Partial<Record<TRPC_ERROR_CODE_KEY, string>> = {
  BAD_REQUEST: 'the input does not match the input schema (the message names the field)',
  UNAUTHORIZED: 'nobody is signed in, or the session expired',
  TOO_MANY_REQUESTS:
    'the rate limit was reached (see the Retry-After header), or an upstream service is busy',
  BAD_GATEWAY: 'an upstream service answered with something unusable',
  GATEWAY_TIMEOUT: 'an upstream service took too long',
  SERVICE_UNAVAILABLE:
    'our database cannot be reached or is too busy (see the Retry-After header), or an upstream service keeps failing, so calls to it are paused',
  NOT_FOUND: 'what the input names does not exist',
  CONFLICT: 'the change conflicts with what is stored',
  FORBIDDEN: 'the signed-in user may not do this',
  INTERNAL_SERVER_ERROR:
    'a bug or an outage on our side; the message is generic, the log has details',
};

/**
 * Lists every procedure of a router with its schemas as JSON Schema (zod 4's
 * `z.toJSONSchema`), its metadata and the errors it can answer with.
 *
 * @example
 * const docs = describeRouter(appRouter);
 */
export function describeRouter(router: AnyRouter): ProcedureDoc[] {
  return listProcedures(router).map(
    ({ path, type, meta, inputs, output: outputSchema, protected: isProtected }) => {
      const access = isProtected ? 'protected' : 'public';
      const input = toJsonSchema(inputs[0], 'input');
      const codes: TRPC_ERROR_CODE_KEY[] = [];
      if (input) codes.push('BAD_REQUEST');
      if (access === 'protected') codes.push('UNAUTHORIZED');
      if (meta.rateLimit) codes.push('TOO_MANY_REQUESTS');
      codes.push(...(meta.errors ?? []));
      // Any procedure may meet the database away or saturated.
      if (!codes.includes('SERVICE_UNAVAILABLE')) codes.push('SERVICE_UNAVAILABLE');
      codes.push('INTERNAL_SERVER_ERROR');
      return {
        path,
        type,
        access,
        description: meta.description,
        input,
        output: toJsonSchema(outputSchema, 'output'),
        example: meta.example ?? (input ? exampleOf(input) : undefined),
        rateLimit: meta.rateLimit,
        cacheSeconds: meta.cacheSeconds,
        errors: [...new Set(codes)].map((code) => ({
          code,
          httpStatus: getHTTPStatusCodeFromError(new TRPCError({ code })),
          when: ERROR_CODE_MEANINGS[code] ?? 'see the message',
        })),
      };
    },
  );
}

function toJsonSchema(schema: unknown, io: 'input' | 'output'): JsonSchema | null {
  if (!(schema instanceof z.ZodType)) return null;
  // `.input(noInputSchema)` declares that a procedure takes nothing.
  if (schema === noInputSchema) return null;
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** A plausible input from its schema, for procedures without `meta.example`. */
function exampleOf(schema: JsonSchema): unknown {
  if ('default' in schema) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union?.[0]) return exampleOf(union[0]);
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(required.map((key) => [key, exampleOf(properties[key] ?? {})]));
    }
    case 'array':
      return [];
    case 'string':
      return 'x'.repeat(Math.max(1, Number(schema.minLength ?? 1)));
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? Math.max(schema.minimum, 0) : 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/** The `curl` command that calls a procedure over tRPC's HTTP wire format. */
export function curlExample(doc: ProcedureDoc, baseUrl = 'http://localhost:3000'): string {
  const url = `${baseUrl}/trpc/${doc.path}`;
  const cookie = doc.access === 'protected' ? ' -b cookies.txt' : '';
  const input = doc.example === undefined ? undefined : JSON.stringify(doc.example);
  if (doc.type === 'mutation') {
    return `curl -X POST '${url}'${cookie} -H 'content-type: application/json' -d '${input ?? '{}'}'`;
  }
  return input === undefined
    ? `curl '${url}'${cookie}`
    : `curl -G '${url}'${cookie} --data-urlencode 'input=${input}'`;
}

const errorShape: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['message', 'code', 'data'],
      properties: {
        message: { type: 'string', description: 'What went wrong and what to do, for people.' },
        code: { type: 'integer', description: 'JSON-RPC error number.' },
        data: {
          type: 'object',
          properties: {
            code: { type: 'string', description: 'tRPC error code, e.g. BAD_REQUEST.' },
            httpStatus: { type: 'integer' },
            path: { type: 'string' },
            reason: {
              description:
                'Why the call was refused, stable across rewordings of the message: switch on this.',
              type: ['string', 'null'],
              enum: [...ERROR_REASONS, null],
            },
            values: {
              description:
                'The numbers and names the message puts in its words (e.g. `max`, `seconds`), for a client that words the reason itself.',
              type: ['object', 'null'],
            },
            zodError: {
              description: 'Field errors when the input was rejected.',
              type: ['object', 'null'],
            },
          },
        },
      },
    },
  },
};

/**
 * Written here rather than with `trpc-to-openapi`: that library (3.3, which
 * does support tRPC 11 and zod 4) describes the REST endpoints its own adapter
 * serves from `meta.openapi` paths, not tRPC's wire format that our clients use.
 *
 * An OpenAPI 3.1 document of the tRPC HTTP API as it is on the wire: queries
 * are `GET /trpc/<path>?input=<JSON>`, mutations `POST /trpc/<path>` with the
 * input as the JSON body; answers are `{ "result": { "data": <output> } }`.
 */
export function renderOpenApi(docs: ProcedureDoc[]): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const doc of docs) {
    const responses: Record<string, unknown> = {
      '200': {
        description: 'Success',
        ...(doc.cacheSeconds && doc.access === 'public'
          ? {
              headers: {
                'Cache-Control': {
                  description: `public, max-age=${doc.cacheSeconds} when every call of the request succeeded`,
                  schema: { type: 'string' },
                },
              },
            }
          : {}),
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['result'],
              properties: {
                result: {
                  type: 'object',
                  required: ['data'],
                  properties: { data: doc.output ?? {} },
                },
              },
            },
          },
        },
      },
    };
    for (const error of doc.errors) {
      responses[String(error.httpStatus)] ??= {
        description: `${error.code}: ${error.when}`,
        ...(error.code === 'TOO_MANY_REQUESTS'
          ? { headers: { 'Retry-After': { schema: { type: 'integer' } } } }
          : {}),
        content: { 'application/json': { schema: { $ref: '#/components/schemas/TRPCError' } } },
      };
    }
    const operation: Record<string, unknown> = {
      operationId: doc.path,
      tags: [doc.path.split('.')[0]],
      summary: doc.description ?? doc.path,
      description: describeAccess(doc),
      ...(doc.access === 'protected' ? { security: [{ session: [] }] } : {}),
      responses,
      'x-codeSamples': [{ lang: 'curl', source: curlExample(doc) }],
    };
    if (doc.input && doc.type === 'mutation') {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: doc.input, example: doc.example } },
      };
    } else if (doc.input) {
      operation.parameters = [
        {
          name: 'input',
          in: 'query',
          required: Array.isArray(doc.input.required) && doc.input.required.length > 0,
          description: 'The input as JSON (URL-encoded).',
          content: { 'application/json': { schema: doc.input, example: doc.example } },
        },
      ];
    }
    paths[`/trpc/${doc.path}`] = { [doc.type === 'mutation' ? 'post' : 'get']: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Skycast API',
      version: '1',
      description:
        'The tRPC API of Skycast, as plain HTTP + JSON. Queries: `GET /trpc/<procedure>?input=<URL-encoded JSON>`. ' +
        'Mutations: `POST /trpc/<procedure>` with the input as a JSON body. Success: `{"result":{"data":…}}`; ' +
        'failure: `{"error":{"message","code","data":{"code","httpStatus"}}}` with the HTTP status of the error. ' +
        'Generated from the router by `pnpm api:docs`.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { TRPCError: errorShape },
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'session',
          description: 'The session cookie set by auth.signIn.',
        },
      },
    },
  };
}

function describeAccess(doc: ProcedureDoc): string {
  const parts = [
    doc.access === 'protected' ? 'Signed-in users only.' : 'Anyone may call it.',
    doc.rateLimit
      ? `At most ${doc.rateLimit.max} calls per client every ${doc.rateLimit.windowSeconds} s.`
      : '',
    doc.cacheSeconds && doc.access === 'public'
      ? `Cacheable for ${doc.cacheSeconds} s.`
      : 'Not cacheable.',
  ];
  return parts.filter(Boolean).join(' ');
}

/** The API reference as Markdown (docs/api/reference.md). */
export function renderApiReferenceMarkdown(docs: ProcedureDoc[]): string {
  const lines = [
    '# Skycast API reference',
    '',
    '<!-- Generated by `pnpm api:docs` from the router; do not edit. -->',
    '',
    'Queries: `GET /trpc/<procedure>?input=<URL-encoded JSON>`. Mutations: `POST /trpc/<procedure>` with a JSON body.',
    'Answers are `{"result":{"data":…}}`; errors `{"error":{"message","data":{"code","httpStatus"}}}` with that HTTP status.',
    'From TypeScript: `useQuery(trpc.<router>.<procedure>.queryOptions(input))`. OpenAPI 3.1: [openapi.json](openapi.json).',
    '',
    '| procedure | type | access | rate limit | cache |',
    '| --- | --- | --- | --- | --- |',
    ...docs.map(
      (doc) =>
        `| [\`${doc.path}\`](#${doc.path.replaceAll('.', '').toLowerCase()}) | ${doc.type} | ${doc.access} | ${doc.rateLimit ? `${doc.rateLimit.max}/${doc.rateLimit.windowSeconds}s` : '—'} | ${doc.cacheSeconds && doc.access === 'public' ? `${doc.cacheSeconds}s` : 'no-store'} |`,
    ),
  ];
  for (const doc of docs) {
    lines.push(
      '',
      `## ${doc.path}`,
      '',
      `**${doc.type}**, ${describeAccess(doc)}${doc.description ? `\n\n${doc.description}` : ''}`,
      '',
      '```sh',
      curlExample(doc),
      '```',
      '',
      '### Input',
      '',
      ...(doc.input ? ['```json', JSON.stringify(doc.input, null, 2), '```'] : ['None.']),
      '',
      '### Output',
      '',
      '```json',
      JSON.stringify(doc.output, null, 2),
      '```',
      '',
      '### Errors',
      '',
      '| code | HTTP | when |',
      '| --- | --- | --- |',
      ...doc.errors.map((error) => `| \`${error.code}\` | ${error.httpStatus} | ${error.when} |`),
    );
  }
  return `${lines.join('\n')}\n`;
}
