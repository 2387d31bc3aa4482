#!/usr/bin/env node
// The installed command: the compiled entry point (`pnpm build` writes dist/).
import '../dist/main.js';
