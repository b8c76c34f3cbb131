import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export interface ExportFile {
  path: string;
  data: Uint8Array;
}

export interface ManifestEntry {
  path: string;
  bytes: number;
  sha256: string;
  lines: number;
}

export interface Manifest {
  tessera: { version: string };
  createdAt: string;
  createdBy: string;
  project: string;
  dictionaryVersion: number;
  filters: Record<string, string | number | boolean>;
  files: ManifestEntry[];
}

export function describeFile(file: ExportFile): ManifestEntry {
  let lines = 0;
  for (const byte of file.data) if (byte === 0x0a) lines++;
  return {
    path: file.path,
    bytes: file.data.byteLength,
    sha256: bytesToHex(sha256(file.data)),
    lines,
  };
}

/** A file of a dataset export: its size and SHA-256, and for data files the examples it holds. */
export interface DatasetFileEntry {
  path: string;
  bytes: number;
  sha256: string;
  rows?: number;
  split?: string;
}
