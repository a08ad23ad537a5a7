import { type ButtonHTMLAttributes, forwardRef } from "react";

const variants = {
  primary: "bg-zinc-950 text-white hover:bg-zinc-800 disabled:bg-zinc-500",
  secondary: "border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-100 disabled:text-zinc-400",
  danger: "bg-red-700 text-white hover:bg-red-800 disabled:bg-red-400",
  ghost: "text-zinc-700 hover:bg-zinc-100 hover:text-zinc-950",
};

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof variants; size?: "sm" | "md" };

export function buttonClass(variant: keyof typeof variants = "primary", size: "sm" | "md" = "md"): string {
  const sizing = size === "sm" ? "h-8 px-3 text-sm" : "h-10 px-4 text-[15px]";
  return `inline-flex shrink-0 items-center justify-center gap-2 whitespace-nowrap rounded-md font-semibold transition-colors disabled:cursor-not-allowed ${sizing} ${variants[variant]}`;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = "primary", size = "md", className = "", type = "button", ...props },
  ref,
) {
  return <button ref={ref} type={type} className={`${buttonClass(variant, size)} ${className}`} {...props} />;
});
