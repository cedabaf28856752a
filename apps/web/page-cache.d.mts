/** Types of page-cache.mjs. */
import type { IncomingMessage, ServerResponse } from "node:http";
export const PAGE_CACHE_CONTROL: string;
export function createPageCache(options: { dir: string; dataVersion: () => Promise<string | undefined> | string | undefined }): {
  /** True when it answered from memory; otherwise `res` is prepared to keep Next's answer. */
  serve(req: IncomingMessage, res: ServerResponse, requireLogin: boolean): Promise<boolean>;
};
