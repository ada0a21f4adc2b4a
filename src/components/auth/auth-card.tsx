import type { ReactNode } from "react";

/** The card every sign-in/sign-up step sits in: a heading, a lead line, the form and a footer line. */
export function AuthCard({
  title,
  description,
  children,
  footer,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="w-full max-w-md">
      <div className="rounded-2xl border border-stone-200 bg-white px-6 py-8 shadow-sm sm:px-8">
        <h1 className="font-serif text-2xl font-semibold text-stone-900">{title}</h1>
        {description ? <p className="mt-2 text-sm text-stone-600">{description}</p> : null}
        <div className="mt-6">{children}</div>
      </div>
      {footer ? <p className="mt-6 text-center text-sm text-stone-600">{footer}</p> : null}
    </div>
  );
}
