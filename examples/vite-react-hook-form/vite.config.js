// Vite's React template, plus fieldnote's plugin for `import v from './x.schema.json?validator'`
// (schemas compiled ahead of time) and a second page that uses it.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import fieldnote from 'fieldnote/vite';

export default defineConfig({
  plugins: [react(), fieldnote()],
  build: { rollupOptions: { input: { main: 'index.html', aot: 'aot.html' } } },
});
