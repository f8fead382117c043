// Where a transformers.js-format model folder is read from: a URL (the app's own origin, a local server, or the
// Hugging Face hub for an id like "Xenova/all-MiniLM-L6-v2"). Node adds a directory source in src/platform/node.
export interface ModelSource {
  /** A short name for messages and cache keys. */
  readonly id: string;
  json(path: string): Promise<unknown>;
  bytes(path: string): Promise<Uint8Array>;
}

const HUB = 'https://huggingface.co';

/** JSON.parse with an error that names the file. */
export function parseModelJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${where}: not valid JSON (${(e as Error).message})`);
  }
}

/** URL of a model folder: a bare "owner/name" is a hub id; URLs and paths ("./x", "/x", "x/y/") resolve against base. */
export function modelFolderUrl(nameOrUrl: string, base?: string): string {
  const isHubId = /^[\w.-]+\/[\w.-]+$/.test(nameOrUrl) && !nameOrUrl.startsWith('.');
  const url = isHubId ? `${HUB}/${nameOrUrl}/resolve/main/` : new URL(nameOrUrl, base).href;
  return url.endsWith('/') ? url : `${url}/`;
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
