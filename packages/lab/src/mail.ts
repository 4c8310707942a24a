// Mail facts of the lab registry (issue 10): the mail domain, the folders and the page sizes the mail
// API serves and the dashboard, the seed and the tests read.

/**
 * The lab's mail domain: every account's address at the AS is `<username>@labmail.test`. Mail the mail
 * API sends to this domain is delivered to the recipient's inbox; mail to any other domain is only filed
 * in the sender's "sent" folder (the lab has no outgoing mail).
 */
export const MAIL_DOMAIN = "labmail.test";

/** The folders of a mailbox: what a user received, and the copies of what they sent. */
export const MAIL_FOLDERS = ["inbox", "sent"] as const;
export type MailFolder = (typeof MAIL_FOLDERS)[number];
export const DEFAULT_MAIL_FOLDER: MailFolder = "inbox";

/** GET /v1/messages?limit=…: the default and the largest page size. */
export const MAIL_PAGE_SIZE_DEFAULT = 20;
export const MAIL_PAGE_SIZE_MAX = 50;
/** The page size of the dashboard's inbox. */
export const DASHBOARD_MAIL_PAGE_SIZE = 20;

/** GET /v1/messages?q=…: the longest search text accepted. */
export const MAIL_SEARCH_MAX_LENGTH = 100;

/** Whether `address` is a LabMail address, to be delivered to a mailbox of this lab (case-insensitive). */
export function isLabMailAddress(address: string): boolean {
  return address.toLowerCase().endsWith(`@${MAIL_DOMAIN}`);
}
