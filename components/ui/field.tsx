import type { InputHTMLAttributes, TextareaHTMLAttributes } from "react";

type Common = { name: string; label: string; hint?: string; errors?: string[]; optional?: boolean };

const control =
  "mt-1 block w-full rounded-md border bg-white px-3 py-2 text-[15px] shadow-sm placeholder:text-zinc-400 aria-[invalid=true]:border-red-600 border-zinc-300";

/** Label, control, hint and error wired together for screen readers; errors are announced as they appear. */
function Frame({ name, label, hint, errors, optional, children }: Common & { children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={name} className="text-sm font-semibold text-zinc-800">
        {label}
        {optional ? <span className="ml-1 font-normal text-zinc-500">(optional)</span> : null}
      </label>
      {children}
      {hint ? (
        <p id={`${name}-hint`} className="mt-1 text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
      <div id={`${name}-error`} aria-live="polite" aria-atomic="true">
        {errors?.map((e) => (
          <p key={e} className="mt-1 text-sm text-red-700">
            {e}
          </p>
        ))}
      </div>
    </div>
  );
}

function aria(name: string, hint?: string, errors?: string[]) {
  return {
    id: name,
    name,
    "aria-invalid": errors?.length ? true : undefined,
    "aria-describedby": [hint ? `${name}-hint` : "", `${name}-error`].filter(Boolean).join(" "),
  };
}

export function TextField({ name, label, hint, errors, optional, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Frame name={name} label={label} hint={hint} errors={errors} optional={optional}>
      <input className={control} {...aria(name, hint, errors)} {...input} />
    </Frame>
  );
}

export function TextAreaField({ name, label, hint, errors, optional, ...input }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Frame name={name} label={label} hint={hint} errors={errors} optional={optional}>
      <textarea className={`${control} min-h-24`} {...aria(name, hint, errors)} {...input} />
    </Frame>
  );
}

/** A form-wide message (not tied to one field), announced when it appears. */
export function FormMessage({ message }: { message: string | null | undefined }) {
  return <div aria-live="assertive">{message ? <p className="rounded-md bg-red-50 p-3 text-sm text-red-800">{message}</p> : null}</div>;
}
