// The password rules both the forms and the server apply (NIST SP 800-63B-4, password as the
// only factor): 15 to 256 characters counted as Unicode code points after NFKC, no
// composition rules. Pure, so the browser can use it; the blocklist is in lib/passwords.ts.
export const PASSWORD_MIN = 15;
export const PASSWORD_MAX = 256;

/** The form that is hashed and compared: a composed and a decomposed "é" are one password. */
export const normalizePassword = (password: string) => password.normalize("NFKC");

export const passwordLength = (password: string) => [...normalizePassword(password)].length;
