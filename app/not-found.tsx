import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="text-zinc-600">There is nothing at this address.</p>
      <Link href="/gateway" className={buttonClass()}>
        Go to API Gateway
      </Link>
    </main>
  );
}
