import path from 'node:path';

import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import ts from 'typescript';

import type { KubernetesObject } from './kubectl.ts';

/** Where each apiVersion's types live: kubernetes-types, or our CloudNativePG subset. */
const TYPE_MODULES: Record<string, string> = {
  v1: 'kubernetes-types/core/v1.js',
  'apps/v1': 'kubernetes-types/apps/v1.js',
  'autoscaling/v2': 'kubernetes-types/autoscaling/v2.js',
  'batch/v1': 'kubernetes-types/batch/v1.js',
  'networking.k8s.io/v1': 'kubernetes-types/networking/v1.js',
  'policy/v1': 'kubernetes-types/policy/v1.js',
  'postgresql.cnpg.io/v1': './cloudnative-pg.ts',
};

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: never) => Validatable;

/** Value checks (formats, enums, required fields) of the Kubernetes OpenAPI schema, per kind. */
const MODELS: Record<string, ModelClass> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

/**
 * Checks rendered manifests against the Kubernetes API, returning one line per
 * problem (empty: all valid). Two checks, because neither catches everything:
 * the OpenAPI schema (kubernetes-models) checks values but lets unknown fields
 * through; the TypeScript types (kubernetes-types) refuse a misspelt field.
 *
 * @example
 * expect(validateManifests(kustomize(kubectl, dir))).toEqual([]);
 */
export function validateManifests(objects: readonly KubernetesObject[]): string[] {
  const problems: string[] = [];
  for (const object of objects) {
    const id = `${object.kind}/${object.metadata.name}`;
    const Model = MODELS[`${object.apiVersion}/${object.kind}`];
    if (!Model) {
      if (!TYPE_MODULES[object.apiVersion])
        problems.push(`${id}: unknown apiVersion ${object.apiVersion}`);
      continue;
    }
    try {
      new Model(object as never).validate();
    } catch (error) {
      problems.push(`${id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return [...problems, ...typeCheck(objects)];
}

function typeCheck(objects: readonly KubernetesObject[]): string[] {
  const file = path.join(import.meta.dirname, 'manifests.check.ts');
  const imports = Object.entries(TYPE_MODULES)
    .map(([, module], index) => `import type * as m${index} from '${module}';`)
    .join('\n');
  const modules = Object.keys(TYPE_MODULES);
  const declarations = objects.map((object, index) => {
    const module = modules.indexOf(object.apiVersion);
    const type = module === -1 ? 'never' : `m${module}.${object.kind}`;
    return `export const o${index}: ${type} = ${JSON.stringify(object, null, 1)};`;
  });
  const source = `${imports}\n${declarations.join('\n')}\n`;
  const starts = [...source.matchAll(/^export const o\d+/gm)].map((match) => match.index);

  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) =>
    name === file ? ts.createSourceFile(name, source, version) : getSourceFile(name, version);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === file ? source : readFile(name));
  const program = ts.createProgram([file], options, host);

  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    if (diagnostic.file?.fileName !== file || diagnostic.start === undefined) return message;
    const at = diagnostic.start;
    const index = starts.findLastIndex((start) => start <= at);
    const object = objects[index];
    return object ? `${object.kind}/${object.metadata.name}: ${message}` : message;
  });
}
