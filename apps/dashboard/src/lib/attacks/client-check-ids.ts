// The ids of the client core's checks of an authorization response, as the lab names them (pure data:
// the catalog reads them, client-checks.ts records them).

/** oauth4webapi's validateAuthResponse checks, in the order it runs them. */
export const CLIENT_CHECKS = {
  iss: { id: "client-iss", check: "iss is the issuer of the AS the request was sent to (mix-up)", rfc: "RFC 9207 §2.4" },
  state: { id: "client-state", check: "state is the one this browser's login request sent (CSRF)", rfc: "RFC 6749 §10.12, RFC 9700 §4.7" },
} as const;

/** Scenario 5's defence: enforced by the browser, on the instruction of LabMail's response header. */
export const FRAME_ANCESTORS_CHECK = "frame-ancestors";
