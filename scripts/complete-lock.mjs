// The package registry reachable from our build machines serves only the linux-x64 build of
// @lix-js/sdk (a dependency of Paraglide's compiler), so `npm install` leaves the other platform
// builds out of package-lock.json and `npm ci` then refuses the lock as out of sync. This adds
// the missing optional entries with their os/cpu, which npm ci skips on this platform.
// Run after any `npm install` that rewrites the lock: `node scripts/complete-lock.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const platforms = {
	'darwin-arm64': ['darwin', 'arm64'],
	'linux-arm64': ['linux', 'arm64'],
	'linux-x64': ['linux', 'x64'],
	'win32-x64': ['win32', 'x64']
};
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
	for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
		const key = `node_modules/${name}`;
		if (lock.packages[key]) continue;
		const platform = Object.keys(platforms).find((p) => name.endsWith(`-${p}`));
		if (!platform) continue;
		const [os, cpu] = platforms[platform];
		lock.packages[key] = {
			version,
			cpu: [cpu],
			dev: entry.dev,
			optional: true,
			os: [os],
			license: entry.license
		};
		if (!entry.dev) delete lock.packages[key].dev;
		added += 1;
		console.log(`added ${key}@${version} (needed by ${path})`);
	}
}
if (added) writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log(`${added} entries added`);
