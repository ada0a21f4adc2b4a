import "server-only";
import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST_CODE = 80877103;
const GSSENC_REQUEST_CODE = 80877104;
const CANCEL_REQUEST_CODE = 80877102;

/** Frontend message types after which the client waits for the server: the batch goes to PGlite then. */
const BATCH_END = new Set([
  "S" /* Sync */,
  "Q" /* simple Query */,
  "H" /* Flush */,
  "c" /* CopyDone */,
  "f" /* CopyFail */,
]);

interface Batch {
  connection: Connection;
  messages: Uint8Array[];
  done: () => void;
}

interface Connection {
  id: number;
  socket: net.Socket;
  buffer: Buffer;
  started: boolean;
  pending: Uint8Array[];
  closed: boolean;
}

/**
 * Serves one PGlite database to many PostgreSQL clients over TCP.
 *
 * PGlite is a single session. `@electric-sql/pglite-socket` forwards each wire message as it arrives, so the
 * extended-protocol messages of two connections interleave (A: Parse, B: Parse, A: Bind → "unnamed prepared
 * statement does not exist") as soon as two processes query at once. This server forwards whole batches —
 * everything a client sends up to a Sync, simple Query or Flush — and, while a transaction is open, only
 * the batches of the connection that opened it, so each client sees a session of its own.
 */
export class PGliteWireServer {
  private server: net.Server | undefined;
  private readonly connections = new Set<Connection>();
  private readonly sockets = new Set<net.Socket>();
  private readonly queue: Batch[] = [];
  private transactionOwner: Connection | null = null;
  private running = false;
  private nextId = 1;

  constructor(
    private readonly db: PGlite,
    private readonly options: { host: string; port: number; maxConnections: number },
  ) {}

  /** Starts listening; resolves with the bound port (useful with port 0). */
  async start(): Promise<number> {
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    const address = server.address();
    if (!address || typeof address === "string") throw new Error("the embedded database server has no TCP address");
    return address.port;
  }

  /** Stops accepting, closes every client (rolling back an open transaction) and resolves when done. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await this.drain();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    if (this.connections.size >= this.options.maxConnections) {
      const refusal = errorResponse(
        "53300",
        `too many connections to the embedded database (${this.options.maxConnections})`,
      );
      socket.on("error", () => socket.destroy());
      socket.end(refusal, () => socket.destroy());
      return;
    }
    socket.setNoDelay(true);
    const connection: Connection = {
      id: this.nextId++,
      socket,
      buffer: Buffer.alloc(0),
      started: false,
      pending: [],
      closed: false,
    };
    this.connections.add(connection);
    socket.on("data", (chunk) => this.receive(connection, chunk));
    socket.on("error", () => socket.destroy());
    socket.on("close", () => void this.disconnect(connection));
  }

  private receive(connection: Connection, chunk: Buffer): void {
    connection.buffer = connection.buffer.length === 0 ? chunk : Buffer.concat([connection.buffer, chunk]);
    for (;;) {
      const buffer = connection.buffer;
      if (!connection.started) {
        // Startup-phase messages have no type byte: length, then a code.
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const code = buffer.readInt32BE(4);
        connection.buffer = buffer.subarray(length);
        if (code === SSL_REQUEST_CODE || code === GSSENC_REQUEST_CODE) {
          connection.socket.write("N");
          continue;
        }
        if (code === CANCEL_REQUEST_CODE) {
          connection.socket.end();
          return;
        }
        connection.started = true;
        this.enqueue(connection, [new Uint8Array(buffer.subarray(0, length))]);
        continue;
      }
      if (buffer.length < 5) return;
      const length = 1 + buffer.readInt32BE(1);
      if (buffer.length < length) return;
      const type = String.fromCharCode(buffer[0]!);
      const message = new Uint8Array(buffer.subarray(0, length));
      connection.buffer = buffer.subarray(length);
      if (type === "X") {
        // Terminate: the shared session must not end, only this client.
        connection.socket.end();
        return;
      }
      connection.pending.push(message);
      if (BATCH_END.has(type)) {
        const messages = connection.pending;
        connection.pending = [];
        this.enqueue(connection, messages);
      }
    }
  }

  private enqueue(connection: Connection, messages: Uint8Array[]): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push({ connection, messages, done: resolve });
      void this.run();
    });
  }

  /** Runs queued batches one at a time; while a client owns the session only its batches may run. */
  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.transactionOwner ? this.queue.findIndex((b) => b.connection === this.transactionOwner) : 0;
        if (index < 0 || this.queue.length === 0) return;
        const [batch] = this.queue.splice(index, 1);
        if (!batch) return;
        await this.execute(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async execute(batch: Batch): Promise<void> {
    const { connection } = batch;
    try {
      if (connection.closed) return;
      await this.db.runExclusive(async () => {
        for (const message of batch.messages) {
          await this.db.execProtocolRawStream(message, {
            onRawData: (data: Uint8Array) => {
              // `data` is a view of PGlite's memory, reused for the next chunk while the socket may still be
              // sending this one: copy it, or large results reach the client corrupted and stall the session.
              if (!connection.closed && connection.socket.writable && data.length > 0) {
                connection.socket.write(Buffer.from(data));
              }
            },
          });
        }
      });
      // Keep the session for this client while its transaction is open, or while it is mid-way through an
      // extended-protocol exchange it flushed without a Sync (Parse, Flush … Bind, Execute, Sync).
      const last = batch.messages.at(-1);
      const midExchange = last !== undefined && String.fromCharCode(last[0]!) === "H";
      this.transactionOwner = this.db.isInTransaction() || midExchange ? connection : null;
    } catch (error) {
      // A protocol-level failure leaves this client's state unknown: drop it (its transaction is rolled back).
      console.error(`[embedded-db] connection #${connection.id} failed:`, error);
      connection.socket.destroy();
    } finally {
      batch.done();
    }
  }

  private async disconnect(connection: Connection): Promise<void> {
    if (connection.closed) return;
    connection.closed = true;
    this.connections.delete(connection);
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i]!.connection === connection) this.queue.splice(i, 1)[0]!.done();
    }
    if (this.transactionOwner === connection) {
      // The client went away inside a transaction: roll it back so the session is usable by the others.
      // (exec takes PGlite's query lock itself, so it waits for any batch still in flight.)
      await this.db.exec("ROLLBACK").catch(() => {});
      this.transactionOwner = null;
    }
    void this.run();
  }

  /** Waits until queued work has run (used on shutdown). */
  private async drain(): Promise<void> {
    for (let i = 0; i < 100 && (this.running || this.queue.length > 0); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** A fatal ErrorResponse message (severity, code, text), sent before closing a refused connection. */
function errorResponse(code: string, text: string): Buffer {
  const fields = Buffer.concat([Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${text}\0\0`, "utf8")]);
  const header = Buffer.alloc(5);
  header.write("E", 0);
  header.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([header, fields]);
}
