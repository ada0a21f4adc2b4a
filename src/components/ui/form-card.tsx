import type { FormEvent, ReactNode } from "react";
import { Alert } from "./alert";
import { Card, CardBody, CardHeader } from "./card";

/**
 * A card that holds one form: the card's title and lead, then the form, whose first line is the live region
 * for its error (mounted even when empty so a later error is announced).
 */
export function FormCard({
  title,
  description,
  tone,
  onSubmit,
  error,
  formLabel,
  formClassName,
  children,
}: {
  title: string;
  description?: string;
  tone?: "danger";
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  error: ReactNode;
  /** Names the form for assistive technology (it then counts as a landmark). */
  formLabel?: string;
  formClassName?: string;
  children: ReactNode;
}) {
  return (
    <Card tone={tone}>
      <CardHeader title={title} description={description} />
      <CardBody>
        <form onSubmit={onSubmit} noValidate className={formClassName} aria-label={formLabel}>
          <Alert tone="error">{error}</Alert>
          {children}
        </form>
      </CardBody>
    </Card>
  );
}
