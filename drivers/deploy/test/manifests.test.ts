import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadEnv } from '../../../apps/api/src/env.ts';
import { kubectlBinary, kustomize, type KubernetesObject } from '../src/kubectl.ts';
import { validateManifests } from '../src/validate-manifests.ts';

const kubernetesDir = path.resolve(import.meta.dirname, '../../../deploy/kubernetes');
const setups = {
  base: path.join(kubernetesDir, 'base'),
  production: path.join(kubernetesDir, 'overlays/production'),
  'cloudnative-pg': path.join(kubernetesDir, 'cloudnative-pg'),
};
const kubectl = await kubectlBinary();
const render = (dir: string) => kustomize(kubectl, dir);

function find<T = Record<string, unknown>>(
  objects: KubernetesObject[],
  kind: string,
  name: string,
): T {
  const object = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!object) throw new Error(`${kind}/${name} is missing`);
  return object as unknown as T;
}

interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  args?: string[];
  ports?: { name: string; containerPort: number }[];
  env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { sleep?: { seconds: number } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
}
interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: {
    containers: Container[];
    securityContext?: { runAsNonRoot?: boolean };
    terminationGracePeriodSeconds?: number;
  };
}
interface Workload {
  spec: {
    replicas?: number;
    selector?: { matchLabels: Record<string, string> };
    template: PodTemplate;
  };
}

const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

describe.each(Object.entries(setups))('the %s manifests', (_name, dir) => {
  it('render and pass the Kubernetes schemas', () => {
    const objects = render(dir);
    expect(objects.length).toBeGreaterThan(0);
    expect(validateManifests(objects)).toEqual([]);
  });
});

describe('the manifest check', () => {
  const objects = () => render(setups.production);

  it('fails when kubectl cannot render a kustomization', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kustomize-'));
    try {
      writeFileSync(
        path.join(dir, 'kustomization.yaml'),
        'resources:\n  - deployment.yaml\nreplicas:\n  - name: absent\n    count: 2\n',
      );
      expect(() => render(dir)).toThrow(/deployment\.yaml/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('refuses a misspelt field', () => {
    const broken = objects();
    const deployment = find<Workload>(broken, 'Deployment', 'skycast');
    const container = deployment.spec.template.spec.containers[0] as unknown as Record<
      string,
      unknown
    >;
    container.livenesProbe = container.livenessProbe;
    delete container.livenessProbe;
    expect(validateManifests(broken).join('\n')).toMatch(
      /Deployment\/skycast: .*livenesProbe.* does not exist/,
    );
  });

  it('refuses a wrong type', () => {
    const broken = objects();
    (find<Workload>(broken, 'Deployment', 'skycast').spec as Record<string, unknown>).replicas =
      'three';
    expect(validateManifests(broken).join('\n')).toMatch(/Deployment\/skycast: .*replicas/);
  });

  it('refuses a misspelt field in the CloudNativePG cluster', () => {
    const broken = render(setups['cloudnative-pg']);
    const spec = find<{ spec: Record<string, unknown> }>(broken, 'Cluster', 'skycast-db').spec;
    spec.instance = spec.instances;
    delete spec.instances;
    expect(validateManifests(broken).join('\n')).toMatch(
      /Cluster\/skycast-db: .*"instance".* does not exist/,
    );
  });
});

describe('the production overlay', () => {
  const objects = render(setups.production);
  const deployment = find<Workload>(objects, 'Deployment', 'skycast');
  const pod = deployment.spec.template;
  const container = pod.spec.containers[0]!;
  const config = find<{ data: Record<string, string> }>(objects, 'ConfigMap', 'skycast').data;

  it('runs at least two replicas of the pinned image, in its namespace', () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(container.image).toBe('ghcr.io/skycast/skycast:1.0.0');
    expect(objects.every((o) => o.metadata.namespace === 'skycast')).toBe(true);
  });

  it('probes /livez for liveness and start-up, /readyz for readiness, on the app port', () => {
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/livez', port: 'http' });
    expect(container.startupProbe?.httpGet).toEqual({ path: '/livez', port: 'http' });
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'http' });
  });

  it('drains before stopping, within the grace period', () => {
    const preStop = container.lifecycle?.preStop?.sleep?.seconds ?? 0;
    expect(preStop).toBeGreaterThan(0);
    expect(pod.spec.terminationGracePeriodSeconds).toBeGreaterThan(preStop + 30);
  });

  it('runs as a non-root user on a read-only root filesystem, with resources set', () => {
    expect(pod.spec.securityContext?.runAsNonRoot).toBe(true);
    expect(container.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.resources?.requests).toHaveProperty('cpu');
    expect(container.resources?.limits).toHaveProperty('memory');
  });

  it('gives the server a configuration its env.ts accepts, with the ports the pod declares', () => {
    const env = loadEnv({
      ...config,
      DATABASE_URL: 'postgres://skycast@db/skycast',
      EMBEDDED_DATABASE: 'off',
    });
    const ports = Object.fromEntries((container.ports ?? []).map((p) => [p.name, p.containerPort]));
    expect(ports).toEqual({ http: env.PORT, metrics: env.METRICS_PORT });
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'skycast' } }]);
    expect(container.env).toContainEqual({
      name: 'DATABASE_URL',
      valueFrom: { secretKeyRef: { name: 'skycast-db-app', key: 'uri' } },
    });
  });

  it('points the Service, PDB, HPA, NetworkPolicy and Ingress at the pods', () => {
    const labels = pod.metadata.labels;
    expect(matches(deployment.spec.selector!.matchLabels, labels)).toBe(true);
    const service = find<{
      spec: { selector: Record<string, string>; ports: { name: string; targetPort: string }[] };
    }>(objects, 'Service', 'skycast');
    expect(matches(service.spec.selector, labels)).toBe(true);
    expect(service.spec.ports).toContainEqual(
      expect.objectContaining({ name: 'http', targetPort: 'http' }),
    );
    const pdb = find<{ spec: { selector: { matchLabels: Record<string, string> } } }>(
      objects,
      'PodDisruptionBudget',
      'skycast',
    );
    expect(matches(pdb.spec.selector.matchLabels, labels)).toBe(true);
    const hpa = find<{
      spec: { minReplicas: number; scaleTargetRef: { kind: string; name: string } };
    }>(objects, 'HorizontalPodAutoscaler', 'skycast');
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'skycast' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    const policy = find<{ spec: { podSelector: { matchLabels: Record<string, string> } } }>(
      objects,
      'NetworkPolicy',
      'skycast',
    );
    expect(matches(policy.spec.podSelector.matchLabels, labels)).toBe(true);
    const ingress = find<{
      spec: {
        rules: {
          http: { paths: { backend: { service: { name: string; port: { name: string } } } }[] };
        }[];
      };
    }>(objects, 'Ingress', 'skycast');
    expect(ingress.spec.rules[0]?.http.paths[0]?.backend.service).toEqual({
      name: 'skycast',
      port: { name: 'http' },
    });
    expect(`https://${JSON.stringify(ingress.spec.rules[0]).match(/"host":"([^"]+)"/)?.[1]}`).toBe(
      config.PUBLIC_ORIGIN,
    );
  });

  it('migrates with a one-shot Job on the same image and database', () => {
    const job = find<Workload>(objects, 'Job', 'skycast-migrate');
    const migrate = job.spec.template.spec.containers[0]!;
    expect(migrate.args).toEqual(['migrate']);
    expect(migrate.image).toBe(container.image);
    expect(migrate.env).toEqual(container.env);
  });
});
