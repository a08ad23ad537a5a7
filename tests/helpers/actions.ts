// Server actions are public endpoints: this calls one the way any HTTP client can, by the
// action id Next.js gives it (from the production build's manifest).
import { readFileSync } from "node:fs";
import path from "node:path";

type Manifest = { node: Record<string, { filename: string; exportedName: string }> };

export function actionId(exportedName: string): string {
  const manifest: Manifest = JSON.parse(readFileSync(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8"));
  const found = Object.entries(manifest.node).find(([, a]) => a.exportedName === exportedName);
  if (!found) throw new Error(`no server action named ${exportedName} in the build`);
  return found[0];
}

export type ActionReply = { status: number; text: string; headers: Headers };

/** Arguments as JSON, the encoding React uses for plain values. */
export async function callAction(baseUrl: string, page: string, name: string, args: unknown[], cookie?: string): Promise<ActionReply> {
  const response = await fetch(`${baseUrl}${page}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "next-action": actionId(name),
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify(args),
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** A form action called as useActionState does: (previousState, formData). */
export async function callFormAction(baseUrl: string, page: string, name: string, fields: Record<string, string>, cookie?: string): Promise<ActionReply> {
  const body = new FormData();
  // React's reply encoding, as the browser sends it: the form fields as "_1_<name>", then
  // the root "0" with the arguments, where "$K1" points back at those fields.
  for (const [key, value] of Object.entries(fields)) body.append(`_1_${key}`, value);
  body.append("0", JSON.stringify([null, "$K1"]));
  const response = await fetch(`${baseUrl}${page}`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": actionId(name), accept: "text/x-component", ...(cookie ? { cookie } : {}) },
    body,
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}
