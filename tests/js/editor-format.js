// Runs the form editor's YAML formats (site_builder/editor/ita-cms.js) outside the browser:
//   node tests/js/editor-format.js JS_YAML_MIN_JS ITA_SHAPES_JS ITA_CMS_JS < requests.json
// requests: [{"format": "ita-measures", "text": "..."}, ...]; prints, for each, what the
// editor would save after opening the file and saving it untouched ("saved"), and the data
// the form sees ("data").
"use strict";
const fs = require("fs");
const vm = require("vm");

const [jsYaml, shapes, itaCms] = process.argv.slice(2);
const context = { window: {}, console };
context.window.addEventListener = () => {};
context.self = context.window;
vm.createContext(context);
// js-yaml's UMD bundle puts itself on `this` (here the context's global object).
vm.runInContext(fs.readFileSync(jsYaml, "utf8"), context);
context.window.jsyaml = context.jsyaml;
vm.runInContext("var jsyaml = window.jsyaml;", context);
vm.runInContext(fs.readFileSync(shapes, "utf8"), context);
vm.runInContext("var ItaShapes = window.ItaShapes;", context);
vm.runInContext(fs.readFileSync(itaCms, "utf8"), context);

const requests = JSON.parse(fs.readFileSync(0, "utf8"));
const formats = context.window.ItaCms.formats;
const answers = requests.map(({ format, text }) => {
  const { format: f } = formats[format];
  const data = f.fromFile(text);
  return { data, saved: f.toFile(data, Object.keys(data)) };
});
process.stdout.write(JSON.stringify(answers));
