export * from "./checks.ts";
export * from "./errors.ts";
export * from "./parameters.ts";
export * from "./pkce.ts";
export * from "./scopes.ts";
export * from "./tokens.ts";
export * from "./trace.ts";
export * from "./wire.ts";
