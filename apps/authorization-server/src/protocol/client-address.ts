// The client address the login throttle counts by (OWASP ASVS 2.2.1), and why it trusts so little.
//
// X-Forwarded-For is written by whoever sends the request. Next.js fills it from the socket only when it
// is absent (`??=`), and gives route handlers no socket address, so a client can name any address it
// likes. It is therefore believed only from configured proxies (TRUSTED_PROXIES, RFC 7239 §8.3 for the
// same rule on `Forwarded`): read from the right, entries that are trusted proxies are skipped, and the
// first other entry is the client. With no trusted proxy (the default) the address is unknown (null), and
// the throttle counts every such attempt under one shared address, "direct". Then there is no
// per-address limit (it would be one lock for everybody), and the account-and-address delay applies per
// account. Deploy behind a proxy and set TRUSTED_PROXIES to get per-address limits.
import { BlockList, isIP } from "node:net";

/** An IP address, or a CIDR range ("10.0.0.0/8", "fd00::/8"). */
export function isAddressOrRange(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  if (rest.length > 0) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/** `::ffff:192.0.2.1` is 192.0.2.1 (Node reports IPv4 peers of a dual-stack socket that way). */
function normalize(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped?.[1] ?? address).toLowerCase();
}

/** The trusted proxies as a BlockList (addresses and ranges of both families); null when there are none. */
export function trustedProxyList(entries: readonly string[]): BlockList | null {
  if (entries.length === 0) return null;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    const family = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(normalize(address), isIP(normalize(address)) === 6 ? "ipv6" : "ipv4");
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/**
 * The client's address when a trusted proxy told us (the right-most X-Forwarded-For entry that is not a
 * trusted proxy itself), otherwise null. A malformed entry ends the search: null.
 */
export function clientAddress(headers: Headers, trustedProxies: BlockList | null): string | null {
  if (trustedProxies === null) return null;
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  for (const entry of entries.reverse()) {
    const address = normalize(entry);
    const family = isIP(address);
    if (family === 0) return null;
    if (!trustedProxies.check(address, family === 6 ? "ipv6" : "ipv4")) return address;
  }
  return null;
}
