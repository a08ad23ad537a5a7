import type { Metadata } from "next";
import { PlaceholderSection } from "@/components/console/page-header";

export const metadata: Metadata = { title: "Smart Contract" };

export default function SmartContractPage() {
  return <PlaceholderSection title="Smart Contract">Smart contract deployment is not available in Gatehouse yet.</PlaceholderSection>;
}
