// Fonts for the PDF exporter. Typst bundles Libertinus Serif (Latin, Greek, Cyrillic, Hebrew) and DejaVu
// Sans Mono; everything else comes from the machine: the system fonts (fontconfig's directories, e.g. the
// Debian packages tests/setup/install-format-tools.sh installs) plus PDF_FONT_PATHS. Each script below gets
// its first installed family as an explicit fallback, so a chapter in Chinese or with an emoji is drawn with
// a real font instead of empty boxes. Without them the PDF still renders, and the process warns once.
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";

export interface ScriptFonts {
  /** Named in the warning when none of the families is installed. */
  script: string;
  /** Families in order of preference (book-like serif first). */
  families: string[];
  /** The Debian package that provides the first family. */
  debianPackage: string;
}

export const FALLBACK_SCRIPTS: readonly ScriptFonts[] = [
  {
    script: "Chinese, Japanese and Korean",
    families: [
      "Noto Serif CJK SC",
      "Noto Sans CJK SC",
      "Source Han Serif SC",
      "Source Han Sans SC",
      "WenQuanYi Micro Hei",
      "WenQuanYi Zen Hei",
      "Droid Sans Fallback",
    ],
    debianPackage: "fonts-noto-cjk",
  },
  {
    script: "Arabic",
    families: ["Noto Naskh Arabic", "Amiri", "Scheherazade", "Noto Sans Arabic", "DejaVu Sans"],
    debianPackage: "fonts-noto-core",
  },
  {
    script: "emoji",
    families: ["Noto Color Emoji", "Twemoji", "Noto Emoji", "OpenMoji", "Symbola"],
    debianPackage: "fonts-noto-color-emoji",
  },
];

export interface PdfFonts {
  compiler: NodeCompiler;
  /** The fallback families found, in the order Typst should try them after the body font. */
  fallbackFamilies: string[];
  /** Scripts with none of their families installed (their characters print as empty boxes). */
  missingScripts: ScriptFonts[];
}

/** PDF_FONT_PATHS: font files or directories, separated by ":" (like PATH). */
export function parseFontPaths(value: string | undefined): string[] {
  return (value ?? "")
    .split(":")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * Creates the Typst compiler with the system fonts and `extraFontPaths`, then asks Typst which fallback
 * families it knows: a probe document naming all of them makes Typst warn "unknown font family: …" for
 * exactly the ones it cannot find. Costs one font scan (~0.5 s with the CJK fonts), so do it once per process.
 */
export function loadPdfFonts(options: {
  workspace: string;
  extraFontPaths: string[];
  scripts?: readonly ScriptFonts[];
}): PdfFonts {
  const scripts = options.scripts ?? FALLBACK_SCRIPTS;
  const compiler = NodeCompiler.create({
    workspace: options.workspace,
    ...(options.extraFontPaths.length > 0 ? { fontArgs: [{ fontPaths: options.extraFontPaths }] } : {}),
  });
  const candidates = scripts.flatMap((script) => script.families);
  const probe = compiler.compile({
    mainFileContent: `#set text(font: (${candidates.map((family) => JSON.stringify(family)).join(", ")},))\n.`,
  });
  const warnings = probe.takeWarnings();
  const unknown = new Set<string>();
  for (const diagnostic of warnings ? (compiler.fetchDiagnostics(warnings) as { message?: string }[]) : []) {
    const family = /^unknown font family: (.+)$/.exec(diagnostic.message ?? "")?.[1];
    if (family) unknown.add(family.toLowerCase());
  }
  compiler.evictCache(0);
  const fallbackFamilies: string[] = [];
  const missingScripts: ScriptFonts[] = [];
  for (const script of scripts) {
    const found = script.families.find((family) => !unknown.has(family.toLowerCase()));
    if (found) fallbackFamilies.push(found);
    else missingScripts.push(script);
  }
  return { compiler, fallbackFamilies, missingScripts };
}

/** The one warning a process logs when some scripts have no font. */
export function missingFontsWarning(missing: readonly ScriptFonts[]): string {
  const list = missing.map((script) => `${script.script} (Debian package ${script.debianPackage})`).join(", ");
  return `PDF export: no font installed for ${list}; those characters will print as empty boxes. Install the packages (bash tests/setup/install-format-tools.sh) or list font files or directories in PDF_FONT_PATHS.`;
}
