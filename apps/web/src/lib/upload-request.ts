/**
 * POST /api/imports from the browser with both kinds of progress: the upload's (XMLHttpRequest's
 * upload.onprogress; fetch has none) and the server's import progress from its NDJSON stream.
 */
import { finalMessage, readNdjson, type StreamMessage } from "./import-result";

export interface Progress {
  phase: "uploading" | "importing" | "done";
  /** 0–1 within the phase. */
  fraction: number;
}

export interface ImportResponse {
  status: number;
  body: unknown;
}

export function sendImport(url: string, body: FormData, onProgress: (p: Progress) => void): Promise<ImportResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Accept", "application/x-ndjson, application/json");
    let offset = 0;
    let result: Extract<StreamMessage, { result: unknown }> | undefined;
    /** Reads the lines that arrived since last time: progress is reported, the result kept for the end. */
    const consume = (finished: boolean) => {
      const read = readNdjson(xhr.responseText, offset);
      offset = read.offset;
      const messages = [...read.messages];
      if (finished) {
        const tail = finalMessage(xhr.responseText, offset);
        if (tail) messages.push(tail);
      }
      for (const m of messages) {
        if ("result" in m) result = m;
        else if ("progress" in m && m.progress.totalBytes > 0) onProgress({ phase: "importing", fraction: m.progress.bytesRead / m.progress.totalBytes });
      }
    };
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress({ phase: "uploading", fraction: e.loaded / e.total });
    };
    xhr.upload.onload = () => onProgress({ phase: "importing", fraction: 0 });
    xhr.onprogress = () => {
      if (isNdjson(xhr)) consume(false);
    };
    xhr.onerror = () => reject(new Error("the upload failed: the server could not be reached"));
    xhr.onload = () => {
      onProgress({ phase: "done", fraction: 1 });
      if (isNdjson(xhr)) {
        consume(true);
        if (result) return resolve({ status: result.status, body: result.result });
        return resolve({ status: xhr.status === 200 ? 500 : xhr.status, body: { error: "the import stream ended without a result" } });
      }
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        parsed = { error: xhr.responseText.slice(0, 300) || xhr.statusText };
      }
      resolve({ status: xhr.status, body: parsed });
    };
    xhr.send(body);
  });
}

function isNdjson(xhr: XMLHttpRequest): boolean {
  return (xhr.getResponseHeader("Content-Type") ?? "").includes("ndjson");
}
