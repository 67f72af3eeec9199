// Parse a Mermaid flowchart with Mermaid's own parser and print what it read
// as JSON: {"type", "nodes": {id: {"text", "classes"}}, "edges": [{"start",
// "end", "text"}]}, with Mermaid's entity codes and <br> decoded the way its
// renderer decodes them.
//
// usage: MERMAID_MODULES=DIR node mermaid-parse.mjs FILE
// where DIR holds node_modules/mermaid and node_modules/jsdom
// (npm install --prefix DIR mermaid jsdom). Exits 3 when they are missing.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.env.MERMAID_MODULES;
let require;
try {
  require = createRequire(path.join(path.resolve(dir), 'package.json'));
  require.resolve('mermaid');
  require.resolve('jsdom');
} catch (e) {
  console.error('mermaid and jsdom not found under MERMAID_MODULES=' + dir);
  process.exit(3);
}
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const mermaid = (await import(pathToFileURL(require.resolve('mermaid')).href)).default;

// Mermaid's parser keeps "#quot;" as a placeholder its renderer turns into
// "&quot;"; decode it, then the HTML entity, then <br>.
const area = dom.window.document.createElement('textarea');
function decode(s) {
  s = s.replace(/<br\s*\/?>/g, '\n')
    .replace(/ﬂ°°(\d+)¶ß/g, '&#$1;')
    .replace(/ﬂ°(\w+)¶ß/g, '&$1;');
  area.innerHTML = s;
  return area.value;
}

const text = fs.readFileSync(process.argv[2], 'utf8');
try {
  const parsed = await mermaid.parse(text);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db;
  const nodes = {};
  const verts = db.getVertices();
  for (const [id, v] of (verts instanceof Map ? verts : Object.entries(verts))) {
    nodes[id] = { text: decode(v.text), classes: v.classes };
  }
  const edges = db.getEdges().map(e => ({ start: e.start, end: e.end, text: decode(e.text) }));
  console.log(JSON.stringify({ type: parsed.diagramType, nodes, edges }));
} catch (e) {
  console.error(String(e && e.message || e));
  process.exit(1);
}
