// Rekindle's isolation application (Tauri's isolation pattern). Every message the window sends
// to the Rust side passes through this hook, in a sandboxed frame of its own, before Tauri
// encrypts it with a key made fresh at each start and delivers it. Only Rekindle's own commands
// (commands.js, generated from the Rust list) and the few window and event calls the window's
// capability grants go through; anything else is dropped here and never reaches Rust, so code
// slipped into the page cannot even knock on a door the app does not have.
// Plain script, no modules: Tauri inlines these files into the frame at build time.
(function () {
  'use strict';
  var commands = new Set(window.__REKINDLE_COMMANDS__ || []);
  var windowCalls = /^plugin:(app|event|window)\|[a-z_]+$/;
  window.__TAURI_ISOLATION_HOOK__ = function (payload) {
    var cmd = payload && payload.cmd;
    if (typeof cmd === 'string' && (commands.has(cmd) || windowCalls.test(cmd))) {
      return payload;
    }
    throw new Error('Rekindle does not send that message.');
  };
})();
