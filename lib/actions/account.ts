"use server";
// The signed-in user's own account (Settings).
import { findUserById, updatePassword } from "@/db/queries/users";
import { auditBase } from "@/lib/audit";
import { startSession } from "@/lib/auth";
import { checkPassword, hashPassword, passwordProblem } from "@/lib/passwords";
import { formAction } from "@/lib/user-action";
import { changePasswordSchema } from "@/lib/validation";

export const changePasswordAction = formAction(changePasswordSchema, async ({ currentPassword, newPassword }, user) => {
  const account = await findUserById(user.id);
  if (!account || !(await checkPassword(account.passwordHash, currentPassword))) {
    const message = "Your current password is not right.";
    return { ok: false, message, errors: { currentPassword: [message] } };
  }
  const problem = passwordProblem(newPassword, user.email) ?? (currentPassword === newPassword ? "Pick a password different from your current one." : null);
  if (problem) return { ok: false, message: problem, errors: { newPassword: [problem] } };
  await updatePassword(user.id, await hashPassword(newPassword), auditBase(user)); // ends every session
  return startSession(user.email, newPassword, "/settings?password=changed"); // a new one for this browser
});
