import type { Metadata } from "next";
import { PlaceholderSection } from "@/components/console/page-header";

export const metadata: Metadata = { title: "Dashboard" };

export default function DashboardPage() {
  return (
    <PlaceholderSection title="Dashboard">
      An overview of your gateway traffic will appear here; for now, see API Gateway and Transaction Monitoring.
    </PlaceholderSection>
  );
}
