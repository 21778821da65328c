/**
 * A Svelte action that draws a chart.js chart on a canvas. chart.js is imported when the first chart
 * mounts, so pages without charts never download it. When the chart is drawn, the canvas's parent
 * gets `data-ready="true"` (tests wait for it).
 */
import type { ChartConfiguration } from 'chart.js';

export function chart(canvas: HTMLCanvasElement, config: ChartConfiguration) {
	let instance: { destroy(): void } | undefined;
	let cancelled = false;
	void import('chart.js/auto').then(({ default: Chart }) => {
		if (cancelled) return;
		instance = new Chart(canvas, config);
		canvas.parentElement?.setAttribute('data-ready', 'true');
	});
	return {
		destroy() {
			cancelled = true;
			instance?.destroy();
		}
	};
}
