import type { Metadata } from "next";
import { PlaceholderSection } from "@/components/console/page-header";

export const metadata: Metadata = { title: "Subscription" };

export default function SubscriptionPage() {
  return <PlaceholderSection title="Subscription">Every account is on the free plan for now; there is nothing to manage here yet.</PlaceholderSection>;
}
