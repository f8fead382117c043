// onnxruntime-web in the browser: its .wasm/.mjs come from the app's own origin (Vite emits them as assets, no
// CDN), WebGPU when an adapter exists, otherwise WASM (threaded when the page is cross-origin isolated).
// A WebGPU session that fails to open falls back to WASM without the caller noticing (backend says which ran).
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';
import mjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.mjs?url';
import type { OpenSession } from '../../core/embed/session.ts';
import { ort, ortSessionOpener } from '../ort-session.ts';

export type BackendPreference = 'auto' | 'webgpu' | 'wasm';

export interface BrowserRuntimeOptions {
  prefer?: BackendPreference;
  /** WASM threads; default: up to 4 when cross-origin isolated, else 1. */
  threads?: number;
}

async function hasWebGpuAdapter(): Promise<boolean> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) != null;
  } catch {
    return false;
  }
}

export function wasmThreads(requested?: number): number {
  if (!globalThis.crossOriginIsolated) return 1;
  return Math.max(1, requested ?? Math.min(4, navigator.hardwareConcurrency || 1));
}

export async function browserSessionOpener(options: BrowserRuntimeOptions = {}): Promise<OpenSession> {
  ort.env.wasm.wasmPaths = { wasm: new URL(wasmUrl, import.meta.url).href, mjs: new URL(mjsUrl, import.meta.url).href };
  const threads = wasmThreads(options.threads);
  const wasm = ortSessionOpener({ backend: 'wasm', threads });
  const prefer = options.prefer ?? 'auto';
  if (prefer === 'wasm' || !(await hasWebGpuAdapter())) return wasm;
  const webgpu = ortSessionOpener({ backend: 'webgpu', threads });
  return async (model) => {
    try {
      return await webgpu(model);
    } catch (e) {
      if (prefer === 'webgpu') throw e;
      return wasm(model);
    }
  };
}
