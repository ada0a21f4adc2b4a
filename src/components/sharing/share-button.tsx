"use client";

import { Share2 } from "lucide-react";
import { useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { ShareDialog } from "./share-dialog";

/** Opens the book's Share dialog (everyone who reads the book sees who has access; managers change it). */
export function ShareButton({ bookId, title }: { bookId: string; title: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} data-testid="share-book">
        <Share2 className="size-4" aria-hidden="true" />
        {t("sharing.share")}
      </Button>
      <ShareDialog bookId={bookId} title={title} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
