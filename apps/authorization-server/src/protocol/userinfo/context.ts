import type { ProtocolDependencies } from "../dependencies";
import type { OwnAccessToken } from "../own-access-tokens";
import type { User } from "../user-records";

/** What the UserInfo endpoint's checks read and establish, in the order they run. */
export type UserinfoContext = {
  deps: ProtocolDependencies;
  /** The Authorization header, or null. */
  authorization: string | null;
  bearer?: string;
  token?: OwnAccessToken;
  user?: User;
};
