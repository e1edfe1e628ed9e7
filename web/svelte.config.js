import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A single-page app: the sync server serves index.html for every path, and so does
    // the service worker when the network is gone.
    adapter: adapter({ fallback: 'index.html' }),
    serviceWorker: { register: false },
    typescript: {
      config: (tsconfig) => {
        tsconfig.compilerOptions.allowImportingTsExtensions = true;
        return tsconfig;
      },
    },
  },
};

export default config;
