"use client";

import { setNonce } from "get-nonce";
import { useEffect } from "react";

/**
 * What the page does once its script runs:
 * - Radix dialogs lock scrolling with a <style> element (react-remove-scroll), which the CSP
 *   refuses without the document's nonce; get-nonce is where that library looks for it. It
 *   is read from the document's own scripts: a soft navigation renders the layout again
 *   under a later request's nonce, which this document's policy does not know.
 * - <html data-scripted> says the page is interactive (keyboard tests wait for it).
 */
export function ScriptReady() {
  useEffect(() => {
    const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
    if (nonce) setNonce(nonce);
    document.documentElement.dataset.scripted = "true";
  }, []);
  return null;
}
