// SMTP delivery through nodemailer against a real SMTP server on loopback (smtp-server), and the local
// outbox when SMTP_URL is not set.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb } from "../../../tests/helpers/test-db";

interface Received {
  from: string | undefined;
  to: string[];
  data: string;
}

describe("sendEmail over SMTP", () => {
  const received: Received[] = [];
  let server: SMTPServer;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        let data = "";
        stream.on("data", (chunk: Buffer) => {
          data += chunk.toString("utf8");
        });
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
            to: session.envelope.rcptTo.map((r) => r.address),
            data,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const { port } = server.server.address() as AddressInfo;
    // Read once by env(): set before the first use in this test file's process.
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    process.env.EMAIL_FROM = "Scriptorium <robot@scriptorium.test>";
  });

  afterAll(async () => {
    delete process.env.SMTP_URL;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("delivers through the configured SMTP server instead of the outbox", async () => {
    const { sendEmail, usesLocalOutbox } = await import("./send-email");
    const { linkEmail } = await import("./email-templates");
    expect(usesLocalOutbox()).toBe(false);
    const to = `smtp-${Date.now()}@example.test`;
    const db = testDb();
    await sendEmail(db, linkEmail("verify", to, "http://localhost:3000/api/auth/verify-email?token=abc"));
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: "robot@scriptorium.test", to: [to] });
    expect(received[0]!.data).toContain("Subject: Verify your email for Scriptorium");
    // The body is quoted-printable: undo soft line breaks and =XX escapes before looking for the link.
    const body = received[0]!.data
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    expect(body).toContain("verify-email?token=abc");
    // Nothing went to the local outbox.
    expect(await db.outboxEmail.count({ where: { to } })).toBe(0);
  });
});
