// onnxruntime-web in the browser: its .wasm/.mjs come from the app's own origin (Vite emits them as assets, no
// CDN), WebGPU when a hardware adapter exists, otherwise WASM (threaded when the page is cross-origin isolated).
// A software (fallback) adapter such as SwiftShader is used only when WebGPU is asked for by name: it is
// correct but about 100x slower than WASM.
// A WebGPU session that fails to open falls back to WASM without the caller noticing (backend says which ran).
import jsepWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';
import jsepMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.mjs?url';
import cpuWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import cpuMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import type { OpenSession } from '../../core/embed/session.ts';
import { ort, ortSessionOpener } from '../ort-session.ts';

export type BackendPreference = 'auto' | 'webgpu' | 'wasm';

export interface BrowserRuntimeOptions {
  prefer?: BackendPreference;
  /** WASM threads; default: up to 4 when cross-origin isolated, else 1. */
  threads?: number;
}

interface Adapter {
  info?: { isFallbackAdapter?: boolean };
}

async function hasWebGpuAdapter(acceptSoftware: boolean): Promise<boolean> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<Adapter | null> } }).gpu;
  if (!gpu) return false;
  try {
    const adapter = await gpu.requestAdapter();
    return adapter != null && (acceptSoftware || !adapter.info?.isFallbackAdapter);
  } catch {
    return false;
  }
}

export function wasmThreads(requested?: number): number {
  if (!globalThis.crossOriginIsolated) return 1;
  return Math.max(1, requested ?? Math.min(4, navigator.hardwareConcurrency || 1));
}

export async function browserSessionOpener(options: BrowserRuntimeOptions = {}): Promise<OpenSession> {
  const prefer = options.prefer ?? 'auto';
  const gpu = prefer !== 'wasm' && (await hasWebGpuAdapter(prefer === 'webgpu'));
  // Same ORT version, two builds of its WASM: the WebGPU one (JSEP) runs CPU kernels about 2x slower than the
  // plain SIMD build, so a page without WebGPU loads the plain one. Only one of them is downloaded per page.
  const [wasm, mjs] = gpu ? [jsepWasmUrl, jsepMjsUrl] : [cpuWasmUrl, cpuMjsUrl];
  ort.env.wasm.wasmPaths = { wasm: new URL(wasm, import.meta.url).href, mjs: new URL(mjs, import.meta.url).href };
  const threads = wasmThreads(options.threads);
  const onWasm = ortSessionOpener({ backend: 'wasm', threads });
  if (!gpu) return onWasm;
  const onWebGpu = ortSessionOpener({ backend: 'webgpu', threads });
  return async (model) => {
    try {
      return await onWebGpu(model);
    } catch (e) {
      if (prefer === 'webgpu') throw e;
      return onWasm(model);
    }
  };
}
