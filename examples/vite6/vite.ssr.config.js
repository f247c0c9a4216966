// The server build of server.js with every dependency bundled into it (`ssr.noExternal: true`).
import { defineConfig } from 'vite';

export default defineConfig({
  ssr: { noExternal: true },
  build: { ssr: 'server.js', outDir: 'dist-ssr', emptyOutDir: true },
});
