import type { Plugin } from 'esbuild';
export function nodeTransportBySubpathImport(): Plugin;
export function nodeTransportStandIn(): Plugin;
