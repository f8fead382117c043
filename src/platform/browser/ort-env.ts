// The on-device models' runtime in the browser, through transformers.js's ONNX Runtime (onnxruntime-web, the one
// copy in the bundle): its .wasm/.mjs come from the app's own origin (Vite emits them as assets, no CDN), WebGPU
// when a hardware adapter exists, otherwise WASM (threaded when the page is cross-origin isolated). A software
// (fallback) adapter such as SwiftShader is used only when WebGPU is asked for by name: it is correct but about
// 100x slower than WASM. A WebGPU load that fails falls back to WASM (the backend says which ran).
import gpuWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import gpuMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import cpuWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import cpuMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import type { EncoderDevice } from '../../core/embed/onnx-embedder.ts';
import { modelEnv } from '../../core/embed/model-env.ts';

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

/** The devices to try in order (WebGPU first when it will be used, then WASM), with ORT's wasm set to match. */
export async function browserDevices(options: BrowserRuntimeOptions = {}): Promise<EncoderDevice[]> {
  const prefer = options.prefer ?? 'auto';
  const gpu = prefer !== 'wasm' && (await hasWebGpuAdapter(prefer === 'webgpu'));
  // Same ORT version, two builds of its WASM: the WebGPU one (asyncify) and the plain SIMD one, which compiles and
  // runs CPU kernels faster; a page without WebGPU loads only the plain one. ORT reads this once per page.
  const [wasm, mjs] = gpu ? [gpuWasmUrl, gpuMjsUrl] : [cpuWasmUrl, cpuMjsUrl];
  modelEnv.wasmPaths = { wasm: new URL(wasm, import.meta.url).href, mjs: new URL(mjs, import.meta.url).href };
  modelEnv.threads = wasmThreads(options.threads);
  const onWasm: EncoderDevice = { device: 'wasm', backend: 'wasm' };
  if (!gpu) return [onWasm];
  return prefer === 'webgpu' ? [{ device: 'webgpu', backend: 'webgpu' }] : [{ device: 'webgpu', backend: 'webgpu' }, onWasm];
}
