import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import jsonPatch, { type Operation } from 'fast-json-patch';
import { parseAllDocuments, parse as parseYaml } from 'yaml';

/** One rendered Kubernetes object. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  labels?: { pairs: Record<string, string> }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  replicas?: { name: string; count: number }[];
  patches?: { target: { kind: string; name: string }; patch: string }[];
}

const KNOWN_FIELDS = new Set([
  'apiVersion',
  'kind',
  'namespace',
  'resources',
  'labels',
  'images',
  'replicas',
  'patches',
]);

/**
 * Renders a kustomization the way `kubectl kustomize` does, for the features
 * Skycast's manifests use (resources, namespace, labels, images, replicas,
 * JSON 6902 patches), so CI needs no kubectl. Any other feature is refused
 * rather than ignored; the tests compare with `kubectl kustomize` where it exists.
 *
 * @example
 * const objects = renderKustomization('deploy/kubernetes/overlays/production');
 */
export function renderKustomization(dir: string): KubernetesObject[] {
  const file = path.join(dir, 'kustomization.yaml');
  const k = parseYaml(readFileSync(file, 'utf8')) as Kustomization;
  const unknown = Object.keys(k).filter((key) => !KNOWN_FIELDS.has(key));
  if (unknown.length > 0) throw new Error(`${file}: unsupported fields ${unknown.join(', ')}`);

  let objects: KubernetesObject[] = [];
  for (const resource of k.resources ?? []) {
    const target = path.join(dir, resource);
    if (statSync(target).isDirectory()) objects.push(...renderKustomization(target));
    else objects.push(...readObjects(target));
  }

  for (const patch of k.patches ?? []) {
    const operations = parseYaml(patch.patch) as Operation[];
    const matches = objects.filter(
      (o) => o.kind === patch.target.kind && o.metadata.name === patch.target.name,
    );
    if (matches.length === 0) {
      throw new Error(`${file}: patch target ${patch.target.kind}/${patch.target.name} not found`);
    }
    objects = objects.map((o) =>
      matches.includes(o)
        ? jsonPatch.applyPatch(structuredClone(o), operations, true).newDocument
        : o,
    );
  }
  for (const { pairs } of k.labels ?? []) {
    for (const o of objects) o.metadata.labels = { ...o.metadata.labels, ...pairs };
  }
  for (const image of k.images ?? []) {
    for (const container of containersOf(objects)) {
      const [name, tag] = splitImage(container.image);
      if (name !== image.name) continue;
      const newTag = image.newTag ?? tag;
      container.image = `${image.newName ?? name}${newTag ? `:${newTag}` : ''}`;
    }
  }
  for (const { name, count } of k.replicas ?? []) {
    const target = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name);
    if (!target) throw new Error(`${file}: replicas for unknown Deployment ${name}`);
    (target.spec as { replicas?: number }).replicas = count;
  }
  if (k.namespace) {
    for (const o of objects) o.metadata.namespace = k.namespace;
  }
  return objects;
}

function readObjects(file: string): KubernetesObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]?.message}`);
      return document.toJS() as KubernetesObject | null;
    })
    .filter((o): o is KubernetesObject => o !== null);
}

interface Container {
  image: string;
}

function containersOf(objects: KubernetesObject[]): Container[] {
  return objects.flatMap((o) => {
    const spec = (o.spec ?? {}) as {
      template?: { spec?: { containers?: Container[]; initContainers?: Container[] } };
    };
    const pod = spec.template?.spec;
    return [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])];
  });
}

function splitImage(image: string): [string, string | undefined] {
  const at = image.lastIndexOf(':');
  // A colon before the last slash belongs to a registry's port, not a tag.
  if (at === -1 || at < image.lastIndexOf('/')) return [image, undefined];
  return [image.slice(0, at), image.slice(at + 1)];
}
