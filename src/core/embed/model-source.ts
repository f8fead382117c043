// Reading a model folder's small files (config.json, a sentence-transformers pooling config) and the ONNX bytes for
// its content hash, beside transformers.js's own load: by URL (the app's origin, a server, the hub). Node adds a
// directory source in src/platform/node.
export interface ModelSource {
  /** A short name for messages and cache keys. */
  readonly id: string;
  json(path: string): Promise<unknown>;
  bytes(path: string): Promise<Uint8Array>;
}

/** JSON.parse with an error that names the file. */
export function parseModelJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${where}: not valid JSON (${(e as Error).message})`);
  }
}

export function fetchModelSource(folderUrl: string, fetchFn: typeof fetch = fetch): ModelSource {
  const get = async (path: string) => {
    const url = new URL(path, folderUrl).href;
    let res: Response;
    try {
      res = await fetchFn(url);
    } catch (e) {
      throw new Error(`cannot fetch ${url}: ${(e as Error).message}`);
    }
    if (!res.ok) throw new Error(`cannot fetch ${url}: HTTP ${res.status}`);
    return res;
  };
  return {
    id: folderUrl,
    json: async (path) => parseModelJson(await (await get(path)).text(), new URL(path, folderUrl).href),
    bytes: async (path) => new Uint8Array(await (await get(path)).arrayBuffer()),
  };
}
