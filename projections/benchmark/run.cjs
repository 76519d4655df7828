// Runs a TypeScript benchmark of this folder under plain Node: esbuild bundles it (packages stay
// external, resolved from here), then it runs in this process.
//   node projections/benchmark/run.cjs [eventStoreThroughput.ts] [-- args]
const { buildSync } = require('esbuild');
const Module = require('node:module');
const path = require('node:path');

const entry = path.join(__dirname, process.argv[2] ?? 'eventStoreThroughput.ts');
const { outputFiles } = buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', write: false, logLevel: 'error' });
const compiled = new Module(entry, module);
compiled.filename = entry;
compiled.paths = Module._nodeModulePaths(__dirname);
compiled._compile(outputFiles[0].text, entry);
