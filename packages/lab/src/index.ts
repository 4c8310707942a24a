// The lab registry: every fact of the lab that more than one place needs, defined once.
// Read by the seed, the env defaults, the pages' prose and the tests; nothing types "60 seconds" twice.
export * from "./clients.ts";
export * from "./console.ts";
export * from "./developer.ts";
export * from "./lifetimes.ts";
export * from "./mail.ts";
export * from "./naive-clients.ts";
export * from "./passwords.ts";
export * from "./teaching.ts";
export * from "./users.ts";
