// Vite build of the web app: sources in web/, output in dist/web (served by the Huiyi server at /).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('.', import.meta.url));
const target = process.env.HUIYI_DEV_API ?? 'http://localhost:8080';
const proxied = ['/fhir', '/api', '/auth', '/oauth', '/admin', '/.well-known'];
const outDir = fileURLToPath(new URL('../dist/web', import.meta.url));

/** .br and .gz next to every text asset: the server sends them to browsers that accept them (@fastify/static preCompressed). */
function precompress() {
  return {
    name: 'huiyi-precompress',
    apply: 'build' as const,
    closeBundle() {
      const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
      for (const f of walk(outDir)) {
        if (!/\.(js|css|html|svg|json)$/.test(f)) continue;
        const buf = readFileSync(f);
        if (buf.length < 1024) continue;
        writeFileSync(`${f}.gz`, gzipSync(buf, { level: 9 }));
        writeFileSync(`${f}.br`, brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(proxied.map((p) => [p, { target, changeOrigin: false }])),
  },
});
