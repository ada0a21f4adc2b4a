import { strFromU8, unzipSync } from "fflate";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { zipPackage } from "./zip-package";

const modified = new Date("2025-03-14T09:26:54Z");
const text = "<p>Le phare</p>\n".repeat(2000);
const media = new Uint8Array(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251));
const entries = [
  { path: "mimetype", data: "application/epub+zip", store: true },
  { path: "OEBPS/chapter-1.xhtml", data: text },
  { path: "OEBPS/images/img-1.png", data: media, store: true },
  { path: "OEBPS/légende.txt", data: "é" },
];

/** Reads every central-directory record: the view a ZIP reader has of the archive. */
function centralDirectory(zip: Uint8Array) {
  const view = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = view.length - 22;
  expect(view.readUInt32LE(end)).toBe(0x06054b50);
  const count = view.readUInt16LE(end + 10);
  let at = view.readUInt32LE(end + 16);
  const records = [];
  for (let i = 0; i < count; i++) {
    expect(view.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = view.readUInt16LE(at + 28);
    records.push({
      method: view.readUInt16LE(at + 10),
      crc: view.readUInt32LE(at + 16),
      compressed: view.readUInt32LE(at + 20),
      size: view.readUInt32LE(at + 24),
      offset: view.readUInt32LE(at + 42),
      name: view.toString("utf8", at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + view.readUInt16LE(at + 30) + view.readUInt16LE(at + 32);
  }
  return records;
}

describe("zipPackage", () => {
  it("writes entries in order that another ZIP reader extracts byte for byte, with correct CRCs and sizes", () => {
    const zip = zipPackage(entries, modified);
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(entries.map((e) => e.path));
    expect(strFromU8(files.mimetype!)).toBe("application/epub+zip");
    expect(strFromU8(files["OEBPS/chapter-1.xhtml"]!)).toBe(text);
    expect(files["OEBPS/images/img-1.png"]).toEqual(media);
    expect(strFromU8(files["OEBPS/légende.txt"]!)).toBe("é");

    const records = centralDirectory(zip);
    expect(records.map((r) => r.name)).toEqual(entries.map((e) => e.path));
    for (const record of records) {
      const data = files[record.name]!;
      expect(record.crc).toBe(crc32(data));
      expect(record.size).toBe(data.length);
    }
    expect(records.map((r) => r.method)).toEqual([0, 8, 0, 8]);
    // The text is deflated, the stored entries are not.
    expect(records[1]!.compressed).toBeLessThan(text.length / 10);
    expect(records[2]!.compressed).toBe(media.length);
  });

  it("starts with a stored mimetype entry with no extra field, as EPUB requires", () => {
    const zip = Buffer.from(zipPackage(entries, modified));
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    expect(zip.readUInt16LE(8)).toBe(0); // stored
    expect(zip.readUInt16LE(26)).toBe("mimetype".length);
    expect(zip.readUInt16LE(28)).toBe(0); // extra field length
    expect(zip.toString("latin1", 30, 38 + "application/epub+zip".length)).toBe("mimetypeapplication/epub+zip");
  });

  it("gives the same bytes for the same entries and date, dated in UTC", () => {
    const a = zipPackage(entries, modified);
    expect(zipPackage(entries, modified)).toEqual(a);
    const view = Buffer.from(a);
    const time = view.readUInt16LE(10);
    const date = view.readUInt16LE(12);
    expect({ hour: time >> 11, minute: (time >> 5) & 63, second: (time & 31) * 2 }).toEqual({
      hour: 9,
      minute: 26,
      second: 54,
    });
    expect({ year: (date >> 9) + 1980, month: (date >> 5) & 15, day: date & 31 }).toEqual({
      year: 2025,
      month: 3,
      day: 14,
    });
  });
});
