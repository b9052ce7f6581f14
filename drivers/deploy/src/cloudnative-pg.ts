import type { LocalObjectReference, ResourceRequirements } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';

// The part of CloudNativePG's API (postgresql.cnpg.io/v1) that Skycast's
// manifests use, as its API reference documents it; no npm package ships
// these types. Every field here is optional as in the CRD, and an unknown one
// is a type error in the manifest check.

interface SecretKeySelector {
  name: string;
  key: string;
}

export interface Cluster {
  apiVersion?: 'postgresql.cnpg.io/v1';
  kind?: 'Cluster';
  metadata?: ObjectMeta;
  spec?: {
    instances: number;
    imageName?: string;
    primaryUpdateStrategy?: 'unsupervised' | 'supervised';
    postgresql?: { parameters?: Record<string, string>; pg_hba?: string[] };
    bootstrap?: { initdb?: { database?: string; owner?: string; secret?: LocalObjectReference } };
    storage?: { size?: string; storageClass?: string };
    resources?: ResourceRequirements;
    backup?: {
      retentionPolicy?: string;
      barmanObjectStore?: {
        destinationPath: string;
        endpointURL?: string;
        s3Credentials?: { accessKeyId?: SecretKeySelector; secretAccessKey?: SecretKeySelector };
        wal?: { compression?: 'gzip' | 'bzip2' | 'snappy' };
        data?: { compression?: 'gzip' | 'bzip2' | 'snappy' };
      };
    };
    monitoring?: { enablePodMonitor?: boolean };
  };
}

export interface ScheduledBackup {
  apiVersion?: 'postgresql.cnpg.io/v1';
  kind?: 'ScheduledBackup';
  metadata?: ObjectMeta;
  spec?: {
    /** Six fields, seconds first. */
    schedule: string;
    cluster: LocalObjectReference;
    backupOwnerReference?: 'none' | 'self' | 'cluster';
    immediate?: boolean;
    method?: 'barmanObjectStore' | 'volumeSnapshot' | 'plugin';
  };
}
