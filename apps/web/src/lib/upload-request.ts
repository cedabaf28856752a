/**
 * POST /api/imports from the browser with both kinds of progress: the upload's (XMLHttpRequest's
 * upload.onprogress; fetch has none) and the server's import progress from its NDJSON stream.
 */
import { finalMessage, readNdjson } from "./import-result";

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
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress({ phase: "uploading", fraction: e.loaded / e.total });
    };
    xhr.upload.onload = () => onProgress({ phase: "importing", fraction: 0 });
    xhr.onprogress = () => {
      if (!isNdjson(xhr)) return;
      const read = readNdjson(xhr.responseText, offset);
      offset = read.offset;
      for (const m of read.messages) {
        if ("progress" in m && m.progress.totalBytes > 0) onProgress({ phase: "importing", fraction: m.progress.bytesRead / m.progress.totalBytes });
      }
    };
    xhr.onerror = () => reject(new Error("the upload failed: the server could not be reached"));
    xhr.onload = () => {
      onProgress({ phase: "done", fraction: 1 });
      if (isNdjson(xhr)) {
        const last = finalMessage(xhr.responseText, offset);
        if (last && "result" in last) return resolve({ status: last.status, body: last.result });
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
