import type { ReactNode } from "react";

export function AuthCard(props: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-sm px-5 py-12 sm:py-20">
      <h1 className="font-serif text-3xl font-semibold tracking-tight">{props.title}</h1>
      {props.subtitle && <p className="text-muted mt-2">{props.subtitle}</p>}
      <div className="border-line mt-8 rounded-xl border bg-white p-5 shadow-sm sm:p-6">
        {props.children}
      </div>
      {props.footer && <p className="text-muted mt-6 text-center text-sm">{props.footer}</p>}
    </div>
  );
}
