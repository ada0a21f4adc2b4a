"use client";

import { useState } from "react";
import { useT } from "@/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";

/** Back to the platform default storage, after a confirmation. */
export function StorageResetCard({ busy, onReset }: { busy: boolean; onReset: () => Promise<void> }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  return (
    <Card tone="danger">
      <CardHeader
        title={t("settingsExtra.storage.resetTitle")}
        description={t("settingsExtra.storage.resetDescription")}
      />
      <CardBody className="flex flex-wrap gap-2">
        {confirming ? (
          <>
            <Button variant="danger" loading={busy} onClick={() => void onReset().finally(() => setConfirming(false))}>
              {t("settingsExtra.storage.confirmReset")}
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              {t("common.cancel")}
            </Button>
          </>
        ) : (
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            {t("settingsExtra.storage.reset")}
          </Button>
        )}
      </CardBody>
    </Card>
  );
}
