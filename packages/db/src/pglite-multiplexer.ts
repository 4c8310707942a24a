// Serves one PGlite instance (one PostgreSQL session) to several TCP clients at once: the apps' pools,
// the migration CLI, the seed, psql, Prisma Studio.
//
// PGlite is a single backend: every client's messages end up in the same session. The multiplexer gives
// the session to one client at a time and keeps it there for as long as that client's work must stay
// together:
//   - while the client waits for a ReadyForQuery (an extended-protocol batch Parse/Bind/Describe/Execute
//     up to its Sync, a simple Query, a COPY in progress), and
//   - while the client is inside a transaction (its last ReadyForQuery said 'T' or 'E').
// Only when the client is back to idle ('I') may another client's message run. So two clients'
// transactions never interleave, and one client's ROLLBACK never undoes another's writes.
//
// Session state that would otherwise leak between clients:
//   - named prepared statements (Parse/Bind/Describe/Close) get a per-client prefix, so two clients may use
//     the same name; they are closed when the client disconnects;
//   - a client that disconnects in the middle of a batch or a transaction is synced and rolled back;
//   - the startup is answered here (trust authentication, parameters read once from PGlite), so a client's
//     startup parameters never reach the shared session.
// Still shared (one session): session-level SET, SQL-level PREPARE, temporary tables, LISTEN. Use SET LOCAL
// inside a transaction.
//
// The wire work is done by PGlite's own primitives: `execProtocolRaw` under `runExclusive`, as
// @electric-sql/pglite-socket does; this file only decides whose message runs next.

import { randomInt } from "node:crypto";
import { type AddressInfo, createServer, type Server, type Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";

export type MultiplexerOptions = {
  db: PGlite;
  host?: string;
  /** 0 = an ephemeral port (see `port` after `start()`). */
  port?: number;
  maxConnections?: number;
  /**
   * A client that keeps the session inside a transaction without sending anything for this long is
   * disconnected (its transaction rolled back), like PostgreSQL's idle_in_transaction_session_timeout:
   * while it holds the session, every other client waits. 0 disables it.
   */
  idleInTransactionTimeoutMs?: number;
};

type TransactionStatus = "I" | "T" | "E";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 3;

/** The parameters a server reports at startup (libpq and pg read server_version, encodings, DateStyle…). */
const REPORTED_PARAMETERS = [
  "server_version",
  "server_encoding",
  "client_encoding",
  "DateStyle",
  "IntervalStyle",
  "TimeZone",
  "integer_datetimes",
  "standard_conforming_strings",
  "is_superuser",
  "session_authorization",
] as const;

class Connection {
  readonly id: number;
  readonly secret = randomInt(1, 2 ** 31 - 1);
  /** Complete frontend messages not yet run, in order. */
  readonly pending: Buffer[] = [];
  /** Prefixed names of this client's prepared statements, closed when it leaves. */
  readonly statements = new Set<string>();
  status: TransactionStatus = "I";
  /** A message was run and its ReadyForQuery has not come back yet. */
  awaitingReady = false;
  started = false;
  closed = false;
  cleanedUp = false;
  private buffer: Buffer = Buffer.alloc(0);

  constructor(
    readonly socket: Socket,
    id: number,
  ) {
    this.id = id;
  }

  get holdsSession(): boolean {
    return this.awaitingReady || this.status !== "I";
  }

  /**
   * Appends bytes and returns the complete messages they finish. Startup-phase packets (SSLRequest,
   * GSSENCRequest, CancelRequest, StartupMessage) have no type byte; the phase ends with the StartupMessage.
   */
  take(data: Buffer): { startup: boolean; m: Buffer }[] {
    this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
    const messages: { startup: boolean; m: Buffer }[] = [];
    for (;;) {
      const startup = !this.started;
      const headerLength = startup ? 8 : 5;
      if (this.buffer.length < headerLength) break;
      const length = startup ? this.buffer.readInt32BE(0) : this.buffer.readInt32BE(1) + 1;
      if (length < headerLength || length > 1 << 30) throw new Error("malformed message length");
      if (this.buffer.length < length) break;
      const m = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      if (startup && m.readInt32BE(4) >>> 16 === PROTOCOL_3) this.started = true;
      messages.push({ startup, m });
    }
    return messages;
  }

  /** The statement name as the shared session knows it. */
  sessionName(name: string): string {
    return name === "" ? "" : `__c${this.id}_${name}`;
  }
}

export class PGliteMultiplexer {
  private readonly db: PGlite;
  private readonly host: string;
  private requestedPort: number;
  private readonly maxConnections: number;
  private readonly idleInTransactionTimeoutMs: number;
  private server: Server | null = null;
  private readonly connections = new Set<Connection>();
  private nextId = 1;
  private parameters: Buffer = Buffer.alloc(0);

  /** The client the session belongs to right now (null: idle, anyone may take it). */
  private owner: Connection | null = null;
  /** Clients with messages waiting for the session, in arrival order. */
  private readonly waiting: Connection[] = [];
  private pumping: Promise<void> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(options: MultiplexerOptions) {
    this.db = options.db;
    this.host = options.host ?? "127.0.0.1";
    this.requestedPort = options.port ?? 5432;
    this.maxConnections = options.maxConnections ?? 64;
    this.idleInTransactionTimeoutMs = options.idleInTransactionTimeoutMs ?? 60_000;
  }

  get port(): number {
    const address = this.server?.address();
    return address && typeof address === "object" ? (address as AddressInfo).port : this.requestedPort;
  }

  get stats(): { connections: number; waiting: number; owner: number | null } {
    return { connections: this.connections.size, waiting: this.waiting.length, owner: this.owner?.id ?? null };
  }

  async start(): Promise<void> {
    if (this.server) throw new Error("already started");
    await this.db.waitReady;
    this.parameters = await this.readParameters();
    const server = createServer((socket) => this.accept(socket));
    server.maxConnections = this.maxConnections;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.requestedPort, this.host, () => {
        server.off("error", reject);
        resolve();
      });
    }).catch((error: unknown) => {
      this.server = null;
      throw error;
    });
    this.requestedPort = this.port;
  }

  /** Stops accepting, disconnects every client (rolling back what they left open) and waits for the session. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const connection of this.connections) {
      connection.closed = true;
      connection.socket.destroy();
      this.enqueue(connection);
    }
    this.connections.clear();
    while (this.pumping) await this.pumping;
    this.stopped = true;
    this.clearIdleTimer();
    await closed;
  }

  private async readParameters(): Promise<Buffer> {
    const result = await this.db.query<{ name: string; value: string }>(
      `SELECT name, current_setting(name) AS value FROM unnest($1::text[]) AS name`,
      [REPORTED_PARAMETERS],
    );
    const values = new Map(result.rows.map((row) => [row.name, row.value]));
    values.set("application_name", "");
    return Buffer.concat([...values].map(([name, value]) => message("S", cstring(name), cstring(value))));
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    const connection = new Connection(socket, this.nextId++);
    this.connections.add(connection);
    socket.on("data", (data: Buffer) => {
      if (connection.closed) return;
      try {
        for (const { startup, m } of connection.take(data)) {
          if (startup) this.startup(connection, m);
          else this.receive(connection, m);
        }
      } catch {
        socket.destroy();
      }
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      connection.closed = true;
      this.connections.delete(connection);
      this.enqueue(connection);
    });
  }

  private receive(connection: Connection, m: Buffer): void {
    // Terminate (X) is queued too: the messages sent before it (a COMMIT, say) still run first.
    connection.pending.push(this.rename(connection, m));
    this.enqueue(connection);
  }

  /** Asks for the session on behalf of a client with messages to run, or with a departure to clean up. */
  private enqueue(connection: Connection): void {
    if (connection !== this.owner && !this.waiting.includes(connection)) this.waiting.push(connection);
    this.schedule();
  }

  /** Answers the startup phase here: the shared session never sees a client's startup parameters. */
  private startup(connection: Connection, m: Buffer): void {
    const code = m.readInt32BE(4);
    const socket = connection.socket;
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      socket.write("N"); // no encryption on a loopback port: the client goes on in plain text
      return;
    }
    if (code === CANCEL_REQUEST) {
      socket.end(); // a running WebAssembly query cannot be interrupted
      return;
    }
    if (code >>> 16 !== PROTOCOL_3) {
      socket.end(errorResponse("FATAL", "0A000", `unsupported frontend protocol ${code >>> 16}.${code & 0xffff}`));
      return;
    }
    const replies: Buffer[] = [];
    // A newer minor version (3.2, PostgreSQL 18 clients): answer with the version served here, 3.0.
    if ((code & 0xffff) !== 0) replies.push(message("v", int32(0), int32(0)));
    replies.push(
      message("R", int32(0)), // AuthenticationOk: trust, as the embedded database listens on loopback only
      this.parameters,
      message("K", int32(connection.id), int32(connection.secret)),
      message("Z", Buffer.from("I")),
    );
    socket.write(Buffer.concat(replies));
  }

  /** Gives a client's named prepared statements a per-client name in the shared session. */
  private rename(connection: Connection, m: Buffer): Buffer {
    const type = String.fromCharCode(m[0] ?? 0);
    const body = m.subarray(5);
    if (type === "P") {
      const [name, rest] = splitCString(body);
      if (name === "") return m;
      const renamed = connection.sessionName(name);
      connection.statements.add(renamed);
      return message("P", cstring(renamed), rest);
    }
    if (type === "B") {
      const [portal, afterPortal] = splitCString(body);
      const [statement, rest] = splitCString(afterPortal);
      if (statement === "") return m;
      return message("B", cstring(portal), cstring(connection.sessionName(statement)), rest);
    }
    if ((type === "D" || type === "C") && body[0] === 0x53 /* 'S' */) {
      const [name] = splitCString(body.subarray(1));
      if (name === "") return m;
      const renamed = connection.sessionName(name);
      if (type === "C") connection.statements.delete(renamed);
      return message(type, Buffer.from("S"), cstring(renamed));
    }
    return m;
  }

  private schedule(): void {
    if (this.pumping || this.stopped) return;
    this.pumping = this.pump()
      .catch((error: unknown) => {
        console.error("embedded PostgreSQL: multiplexer failed", error);
      })
      .finally(() => {
        this.pumping = null;
        // Something may have arrived after the last check of the loop.
        if (this.hasWork()) this.schedule();
      });
  }

  private hasWork(): boolean {
    if (this.owner) return this.owner.closed || this.owner.pending.length > 0;
    return this.waiting.length > 0;
  }

  private async pump(): Promise<void> {
    for (;;) {
      const owner = this.owner ?? this.nextOwner();
      if (!owner) return;
      this.owner = owner;
      this.clearIdleTimer();
      // A client that is gone still gets what it sent before it went (as a PostgreSQL backend would run it),
      // then what it left open is closed.
      if (owner.closed && owner.pending.length === 0) {
        await this.cleanUp(owner).catch((error: unknown) => {
          console.error("embedded PostgreSQL: could not clean up after a client", error);
        });
        this.owner = null;
        continue;
      }
      const next = owner.pending.shift();
      if (next?.[0] === 0x58 /* X: Terminate */) {
        owner.pending.length = 0;
        owner.closed = true;
        owner.socket.end();
        continue;
      }
      if (next) {
        let reply: Uint8Array;
        try {
          reply = await this.exec(next);
        } catch (error) {
          // PGlite itself failed (not an SQL error, which comes back as an ErrorResponse): drop this client.
          const text = error instanceof Error ? error.message : String(error);
          owner.socket.end(errorResponse("FATAL", "XX000", `embedded PostgreSQL: ${text}`));
          owner.socket.destroy();
          owner.closed = true;
          owner.pending.length = 0;
          continue;
        }
        owner.awaitingReady = true;
        const status = lastReadyStatus(reply);
        if (status) {
          owner.status = status;
          owner.awaitingReady = false;
        }
        if (!owner.closed && reply.length > 0 && owner.socket.writable) owner.socket.write(reply);
        if (!owner.holdsSession && owner.pending.length > 0 && this.waiting.length > 0) {
          // Back to idle with more to do, but others are waiting: take turns.
          this.owner = null;
          this.waiting.push(owner);
        }
        continue;
      }
      if (owner.holdsSession) {
        // The client is in a transaction or between Parse and Sync: everyone else waits for its next message.
        this.armIdleTimer(owner);
        return;
      }
      this.owner = null;
    }
  }

  private nextOwner(): Connection | null {
    for (;;) {
      const candidate = this.waiting.shift();
      if (!candidate) return null;
      if (candidate.closed || candidate.pending.length > 0) return candidate;
    }
  }

  /** What a client leaves behind when it goes: an open batch, a transaction, its prepared statements. */
  private async cleanUp(connection: Connection): Promise<void> {
    if (connection.cleanedUp) return;
    connection.cleanedUp = true;
    if (connection.awaitingReady) {
      // Gone before its Sync: what it executed must not be committed by the Sync we send for it. Executing a
      // portal that does not exist is an error, which aborts the batch's transaction (and a COPY in progress).
      await this.exec(message("E", cstring("__multiplexer_abandoned_batch"), int32(0)));
      await this.exec(message("S"));
    }
    if (connection.status !== "I" || (await this.sessionStatus()) !== "I") {
      await this.exec(message("Q", cstring("ROLLBACK")));
    }
    if (connection.statements.size > 0) {
      const closes = [...connection.statements].map((name) => message("C", Buffer.from("S"), cstring(name)));
      for (const close of closes) await this.exec(close);
      await this.exec(message("S"));
    }
    connection.statements.clear();
    connection.status = "I";
    connection.awaitingReady = false;
  }

  /** The session's own transaction status (a Sync answers with it and changes nothing when idle). */
  private async sessionStatus(): Promise<TransactionStatus | undefined> {
    return lastReadyStatus(await this.exec(message("S")));
  }

  private exec(m: Buffer): Promise<Uint8Array> {
    return this.db.runExclusive(() => this.db.execProtocolRaw(m));
  }

  private armIdleTimer(owner: Connection): void {
    if (this.idleInTransactionTimeoutMs <= 0) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.owner !== owner || owner.pending.length > 0 || owner.closed) return;
      owner.socket.end(
        errorResponse(
          "FATAL",
          "25P03",
          "terminating connection due to idle-in-transaction timeout: the embedded database has one session, and other clients were waiting",
        ),
      );
      owner.socket.destroy();
    }, this.idleInTransactionTimeoutMs);
    this.idleTimer.unref();
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

/** The status byte of the last ReadyForQuery in a backend reply, if any. */
export function lastReadyStatus(reply: Uint8Array): TransactionStatus | undefined {
  let status: TransactionStatus | undefined;
  let offset = 0;
  while (offset + 5 <= reply.length) {
    const type = reply[offset];
    const length =
      ((reply[offset + 1] ?? 0) << 24) | ((reply[offset + 2] ?? 0) << 16) | ((reply[offset + 3] ?? 0) << 8) | (reply[offset + 4] ?? 0);
    if (length < 4) break;
    if (type === 0x5a /* Z */ && length === 5) {
      const byte = String.fromCharCode(reply[offset + 5] ?? 0);
      if (byte === "I" || byte === "T" || byte === "E") status = byte;
    }
    offset += 1 + length;
  }
  return status;
}

function message(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(5);
  header.write(type, 0, "latin1");
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function cstring(value: string): Buffer {
  return Buffer.concat([Buffer.from(value, "utf8"), Buffer.from([0])]);
}

function int32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(value);
  return b;
}

function splitCString(b: Buffer): [string, Buffer] {
  const end = b.indexOf(0);
  if (end < 0) throw new Error("malformed message: unterminated string");
  return [b.subarray(0, end).toString("utf8"), b.subarray(end + 1)];
}

function errorResponse(severity: string, code: string, text: string): Buffer {
  return message(
    "E",
    Buffer.from("S"),
    cstring(severity),
    Buffer.from("V"),
    cstring(severity),
    Buffer.from("C"),
    cstring(code),
    Buffer.from("M"),
    cstring(text),
    Buffer.from([0]),
  );
}
