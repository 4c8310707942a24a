// Compose shares the inbox's header (who is signed in, Sign out).
export { default } from "../inbox/layout";
