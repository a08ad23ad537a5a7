import { describe, expect, it } from "vitest";
import { normalizePassword, PASSWORD_MIN } from "@/lib/password-policy";
import { checkPassword, hashPassword, passwordProblem } from "@/lib/passwords";
import { changePasswordSchema, signUpSchema } from "@/lib/validation";

const email = "ada@example.com";
const signUp = (password: string) => signUpSchema.safeParse({ email, password });

describe("the password policy (NIST SP 800-63B-4)", () => {
  it("refuses 14 characters and accepts 15, counted as Unicode characters", () => {
    expect(signUp("a".repeat(14)).success).toBe(false);
    expect(signUp("quiet river 123").success).toBe(true);
    expect(passwordProblem("quiet river 12")).toBe("Use at least 15 characters.");
    expect(passwordProblem("quiet river 123")).toBeNull();
    // 15 characters of which each takes several bytes in UTF-8 and two code units in UTF-16
    expect(passwordProblem("🐢".repeat(PASSWORD_MIN))).toBeNull();
    expect(passwordProblem("🐢".repeat(PASSWORD_MIN - 1))).toBe("Use at least 15 characters.");
  });

  it("accepts 256 characters and refuses 257", () => {
    expect(signUp(`${"x".repeat(255)}y`).success).toBe(true);
    expect(passwordProblem(`${"horse ".repeat(42)}zebr`)).toBeNull();
    expect(signUp("x".repeat(257)).success).toBe(false);
    expect(changePasswordSchema.safeParse({ currentPassword: "old", newPassword: "x".repeat(257) }).success).toBe(false);
  });

  it("allows spaces and any printable characters, with no composition rules", () => {
    for (const password of ["all lower case words", "ÄÖÜ äöü ß ẞ éèê ñ", "пароль на русском", "密码密码密码密码密码密码密码密码", "    15 spaces?  "]) {
      expect([password, signUp(password).success]).toEqual([password, true]);
    }
    expect(signUp("fifteen chars\u0007ok").success).toBe(false); // a control character
  });

  it("refuses a blocklisted password, whatever its letter case, with the reason", () => {
    expect(passwordProblem("1qaz2wsx3edc4rfv")).toBe("This password is too common. Pick another.");
    expect(passwordProblem("123456789987654321")).toBe("This password is too common. Pick another.");
    expect(passwordProblem("QWERTY123456789")).toBe("This password is too common. Pick another.");
    expect(passwordProblem("ada@example.com", email)).toBe("Don't use your email address as your password.");
  });

  it("treats the composed and the decomposed form of a password as the same password", async () => {
    const composed = "crème brûlée au café"; // U+00E8, U+00FB, U+00E9
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    expect(normalizePassword(decomposed)).toBe(normalizePassword(composed));
    const stored = await hashPassword(composed);
    expect(await checkPassword(stored, decomposed)).toBe(true);
    expect(await checkPassword(stored, "creme brulee au cafe")).toBe(false);
  });
});
