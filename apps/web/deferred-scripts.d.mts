/** Types of deferred-scripts.mjs. */
import type { IncomingMessage, ServerResponse } from "node:http";
export const DEFERRED_SCRIPT_TYPE: string;
export function deferClientScripts(html: string): string;
export function withDeferredScripts(req: IncomingMessage, res: ServerResponse): void;
