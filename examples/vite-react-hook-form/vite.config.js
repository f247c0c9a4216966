// Vite's React template, as is: fieldnote needs nothing here.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({ plugins: [react()] });
