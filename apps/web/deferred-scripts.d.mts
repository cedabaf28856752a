/** Types of deferred-scripts.mjs. */
import type { IncomingMessage, ServerResponse } from "node:http";
export const DEFERRED_SCRIPT_TYPE: string;
export const PAYLOAD_PATH: string;
export const PAYLOAD_INLINE_HEADER: string;
export const PAYLOAD_SCRIPT: RegExp;
export function deferClientScripts(html: string, options?: { keepPayload?: boolean }): { html: string; payload?: { hash: string; text: string } };
export function servePayload(req: IncomingMessage, res: ServerResponse): boolean;
export function withDeferredScripts(req: IncomingMessage, res: ServerResponse): void;
