import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Content-Security-Policy on every page, as a header. 'auto' puts a fresh nonce on SvelteKit's
		// own inline start-up script per response (hashes for prerendered pages, of which there are
		// none), so no script runs unless it came from this origin or carries that nonce.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// <style> elements and style sheets: this origin only (Svelte writes CSS to files).
				'style-src': ['self'],
				// style="…" attributes cannot carry a nonce, and the pages need them: server-rendered
				// score bars (`style="width: 62%"`, the no-JS view), the chart's height, the wrapper in
				// app.html and SvelteKit's route announcer (a static style attribute in its template).
				// Only attributes are let through: an injected attribute can restyle its own element but
				// cannot load a style sheet, run a selector or read anything. chart.js sets its canvas
				// sizes through the CSSOM (element.style), which CSP does not restrict.
				'style-src-attr': ['unsafe-inline'],
				// The organisation's logo is served from /o/<org>/logo; chart.js draws on canvas.
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		typescript: {
			// Scripts and benchmarks run through Vite with the app's modules; type-check them too.
			config: (tsconfig) => {
				tsconfig.include.push('../scripts/**/*.ts', '../bench/**/*.ts');
				return tsconfig;
			}
		}
	}
};

export default config;
