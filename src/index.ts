// The page API (Stigg-compatible client) lands here; this placeholder keeps the build whole.
export {};
