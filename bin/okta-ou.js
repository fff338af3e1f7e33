#!/usr/bin/env node
'use strict';
// Thin launcher: the compiled CLI lives in dist/ (`npm run build`).
const { runMain } = require('../dist/src/cli/main.js');
runMain();
