import { defineConfig } from 'vite';
import gatehouse from 'gatehouse/vite';

export default defineConfig({ plugins: [gatehouse()] });
