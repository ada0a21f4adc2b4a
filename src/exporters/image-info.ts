// Reads an image's real type and pixel size from its header bytes, so exporters never trust a
// declared content type (DOCX and EPUB need the exact type; DOCX also needs the size).

export type ImageKind = "png" | "jpeg" | "gif" | "svg";

export interface ImageInfo {
  kind: ImageKind;
  contentType: string;
  extension: string;
  width: number;
  height: number;
}

const CONTENT_TYPES: Record<ImageKind, string> = {
  png: "image/png",
  jpeg: "image/jpeg",
  gif: "image/gif",
  svg: "image/svg+xml",
};

const EXTENSIONS: Record<ImageKind, string> = { png: "png", jpeg: "jpg", gif: "gif", svg: "svg" };

/** Identifies a PNG, JPEG, GIF or SVG image and its size; null for anything else or a truncated header. */
export function imageInfo(bytes: Uint8Array): ImageInfo | null {
  const size = pngSize(bytes) ?? gifSize(bytes) ?? jpegSize(bytes) ?? svgSize(bytes);
  if (!size) return null;
  return { ...size, contentType: CONTENT_TYPES[size.kind], extension: EXTENSIONS[size.kind] };
}

type Sized = { kind: ImageKind; width: number; height: number };

function pngSize(b: Uint8Array): Sized | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length < 24 || signature.some((v, i) => b[i] !== v)) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { kind: "png", width: view.getUint32(16), height: view.getUint32(20) };
}

function gifSize(b: Uint8Array): Sized | null {
  if (b.length < 10 || String.fromCharCode(...b.subarray(0, 4)) !== "GIF8") return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { kind: "gif", width: view.getUint16(6, true), height: view.getUint16(8, true) };
}

function jpegSize(b: Uint8Array): Sized | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let offset = 2;
  while (offset + 9 < b.length) {
    if (b[offset] !== 0xff) return null;
    const marker = b[offset + 1]!;
    const length = view.getUint16(offset + 2);
    // Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { kind: "jpeg", height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
    }
    offset += 2 + length;
  }
  return null;
}

function svgSize(b: Uint8Array): Sized | null {
  const head = new TextDecoder().decode(b.subarray(0, 4096));
  const tag = /<svg\b[^>]*>/i.exec(head)?.[0];
  if (!tag) return null;
  const number = (name: string) => {
    const value = new RegExp(`\\s${name}\\s*=\\s*["']\\s*([0-9.]+)\\s*(px)?\\s*["']`, "i").exec(tag)?.[1];
    return value ? Number.parseFloat(value) : undefined;
  };
  const viewBox = /viewBox\s*=\s*["']\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)[\s,]+([0-9.]+)/i.exec(tag);
  const width = number("width") ?? (viewBox ? Number.parseFloat(viewBox[1]!) : 600);
  const height = number("height") ?? (viewBox ? Number.parseFloat(viewBox[2]!) : 400);
  return { kind: "svg", width: Math.round(width) || 600, height: Math.round(height) || 400 };
}
