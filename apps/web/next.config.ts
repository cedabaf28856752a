import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const config: NextConfig = {
  // @corridor/data ships TypeScript source; Next compiles it (no build step in development).
  transpilePackages: ["@corridor/data"],
  // Native modules stay plain Node requires on the server; piscina loads render-worker.mjs by path;
  // pdfkit reads its own data files beside its code, so it is not bundled either.
  serverExternalPackages: ["better-sqlite3", "@resvg/resvg-js", "piscina", "pdfkit", "svg-to-pdfkit", "fontkit"],
  poweredByHeader: false,
  // The stylesheet stays a request of its own, not inlined: Next inlines it twice (a <style> and
  // again inside the page's payload script, vercel/next.js#95141), 72 KB more for a phone to parse
  // on every page, which cost more main-thread time (Lighthouse mobile TBT) than the round trip saved.
  experimental: { inlineCss: false },
  // Embeds are pages-router API routes (server-rendered recharts SVG); readers see /embed/….
  async rewrites() {
    return [
      { source: "/embed/:kind", destination: "/api/embed/:kind" },
      // The one-page PDF brief beside the event's page; a pages-router route, as charts are (recharts).
      { source: "/events/:id/brief.pdf", destination: "/api/briefs/:id" },
      { source: "/ru/events/:id/brief.pdf", destination: "/api/briefs/:id?lang=ru" },
    ];
  },
  // Only embeds may be framed (their own CSP says by whom); every other page refuses framing.
  async headers() {
    return [
      {
        source: "/:path((?!embed/|api/embed/).*)",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
          { key: "X-Content-Type-Options", value: "nosniff" },
        ],
      },
    ];
  },
};

export default withNextIntl(config);
