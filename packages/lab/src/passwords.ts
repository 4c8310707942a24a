// How the lab stores passwords, defined once: the seed hashes with it, the AS verifies and rehashes with it.

/**
 * Password hashing: argon2id with OWASP's parameters (Password Storage Cheat Sheet, "Argon2id": m = 19 MiB,
 * t = 2, p = 1), not the argon2 package's defaults (64 MiB, t = 3, p = 4: ~10 s for 100 simultaneous
 * logins on 2 cores). The seed hashes with them; the AS verifies and rehashes older hashes on login.
 */
export const PASSWORD_HASHING = {
  /** KiB (19 MiB). */
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
} as const;
