import { requireUser } from "@/lib/auth";

export function PageHeader({ title, intro }: { title: string; intro?: string }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
      {intro ? <p className="mt-1 max-w-2xl text-zinc-600">{intro}</p> : null}
    </div>
  );
}

/** The honest state of a section whose content is not built yet. */
export function NotYet({ children }: { children: React.ReactNode }) {
  return <p className="rounded-lg border border-dashed border-zinc-300 bg-white p-8 text-zinc-600">{children}</p>;
}

/** A console section whose content is later work: its title and one honest line. */
export async function PlaceholderSection({ title, children }: { title: string; children: React.ReactNode }) {
  await requireUser();
  return (
    <>
      <PageHeader title={title} />
      <NotYet>{children}</NotYet>
    </>
  );
}
