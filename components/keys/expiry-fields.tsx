import type { FieldErrors } from "@/components/ui/use-action-form";
import { EXPIRY_CHOICES } from "@/lib/keys/expiry";
import type { FormValues } from "@/lib/user-action";

const control = "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-[15px] aria-[invalid=true]:border-red-600";

/**
 * When a key expires: a choice, and a date shown only while "On a date" is chosen (by CSS,
 * so it works without JavaScript too).
 */
export function ExpiryFields({ values, errors, label = "Expires" }: { values: FormValues; errors?: FieldErrors; label?: string }) {
  const dateError = errors?.expiresOn?.[0];
  return (
    <div className="[&:has(option[value=date]:checked)_.expiry-date]:block">
      <label htmlFor="expires" className="text-sm font-semibold text-zinc-800">
        {label}
      </label>
      <select id="expires" name="expires" defaultValue={values.expires ?? "never"} className={control} aria-describedby="expires-hint">
        {Object.entries(EXPIRY_CHOICES).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      <p id="expires-hint" className="mt-1 text-xs text-zinc-500">
        An expired key is refused by the gateway; it can be renewed.
      </p>
      <div className={`expiry-date mt-3 ${dateError ? "block" : "hidden"}`}>
        <label htmlFor="expiresOn" className="text-sm font-semibold text-zinc-800">
          Expiry date (the key stops at the end of that day, UTC)
        </label>
        <input
          id="expiresOn"
          name="expiresOn"
          type="date"
          defaultValue={values.expiresOn}
          className={control}
          aria-invalid={dateError ? true : undefined}
          aria-describedby="expiresOn-error"
        />
        <div id="expiresOn-error" aria-live="polite">
          {dateError ? <p className="mt-1 text-sm text-red-700">{dateError}</p> : null}
        </div>
      </div>
    </div>
  );
}
