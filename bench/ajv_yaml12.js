// ajv-cli custom module (-c) for bench/benchmark.py: makes ajv-cli read YAML
// data files as telework and the YAML 1.2 core schema do, and check formats.
//
// ajv-cli 5 reads .yaml data with js-yaml 3's safeLoad, whose default schema
// is YAML 1.1's: `2026-03-01` becomes a JavaScript Date, which then fails
// `"type": "string", "format": "date"`, so every record would be invalid.
// js-yaml's CORE_SCHEMA (null, booleans, integers and floats, no timestamps,
// no merge keys) keeps dates as strings. ajv-cli calls this module's export
// with its Ajv instance before it reads any data file; the patch is made on
// the js-yaml instance ajv-cli itself loaded (resolved from ajv-cli's own
// entry point, not from this file's directory).
//
// ajv does not check "format" without ajv-formats, which the benchmark
// installs beside ajv-cli; the Python check in tests/tools checks formats, so
// this does too.
"use strict";
const { createRequire } = require("module");

module.exports = function (ajv) {
  const fromCli = createRequire(require.main.filename);
  const yaml = fromCli("js-yaml");
  if (!yaml.CORE_SCHEMA || typeof yaml.safeLoad !== "function") {
    throw new Error("this js-yaml has no CORE_SCHEMA/safeLoad (ajv-cli 5 uses js-yaml 3)");
  }
  const safeLoad = yaml.safeLoad;
  yaml.safeLoad = function (text, options) {
    return safeLoad.call(this, text, Object.assign({}, options, { schema: yaml.CORE_SCHEMA }));
  };
  fromCli("ajv-formats")(ajv);
};
