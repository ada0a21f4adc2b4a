#!/usr/bin/env bash
# Installs the Debian tools the exporter tests validate against (epubcheck, LibreOffice, poppler) and the
# PDF export's fallback fonts for CJK, Arabic and emoji (fonts-noto-cjk, fonts-noto-core, fonts-noto-color-emoji).
# Pass --bench to also install pandoc and xelatex (pandoc's PDF engine, ~80 MB download) for
# bench/export.ts. Skips apt entirely when every tool is present.
set -euo pipefail

packages=()
command -v epubcheck >/dev/null 2>&1 || packages+=(epubcheck)
command -v soffice >/dev/null 2>&1 || packages+=(libreoffice-writer-nogui)
{ command -v pdfinfo >/dev/null 2>&1 && command -v pdffonts >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; } ||
  packages+=(poppler-utils)
# Fallback fonts the PDF export embeds for CJK, Arabic and emoji (src/exporters/pdf-fonts.ts).
[[ -f /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc ]] || packages+=(fonts-noto-cjk)
[[ -f /usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf ]] || packages+=(fonts-noto-core)
[[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]] || packages+=(fonts-noto-color-emoji)
if [[ "${1:-}" == "--bench" ]]; then
  command -v pandoc >/dev/null 2>&1 || packages+=(pandoc)
  # GNU time (not the shell keyword) measures pandoc's CPU time for the bench's cross-check column.
  [[ -x /usr/bin/time ]] || packages+=(time)
  # pandoc's LaTeX template also needs the recommended packages and fonts (hyperref loads pzdr).
  command -v xelatex >/dev/null 2>&1 ||
    packages+=(texlive-xetex texlive-latex-recommended texlive-fonts-recommended lmodern)
fi

if [[ ${#packages[@]} -eq 0 ]]; then
  echo "format tools already installed"
  exit 0
fi

sudo=""
if [[ "$(id -u)" != "0" ]]; then sudo="sudo"; fi
echo "installing: ${packages[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}"
