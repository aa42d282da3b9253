// The page's configuration, resolved by vite.config.ts at build time (see
// config.ts) and written into the bundle as this constant.
declare const __INBOX_CONFIG__: import("./config.js").InboxConfig;
