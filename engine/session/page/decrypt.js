// SPDX-License-Identifier: GPL-3.0-or-later
// Opens the box Øverum wrote: PBKDF2-SHA-256 turns the password into an AES-256-GCM key. Throws on a wrong password.
// Kept apart from the DOM code so it can be run and tested without a browser (node has the same WebCrypto).
async function overumDecrypt(password, box) {
  const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const subtle = globalThis.crypto.subtle;
  const material = await subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveKey"]);
  const key = await subtle.deriveKey(
      {name: "PBKDF2", hash: "SHA-256", salt: bytes(box.salt), iterations: box.iterations},
      material, {name: "AES-GCM", length: 256}, false, ["decrypt"]);
  const plain = await subtle.decrypt(
      {name: "AES-GCM", iv: bytes(box.iv), additionalData: new TextEncoder().encode(box.format)},
      key, bytes(box.ciphertext));
  return JSON.parse(new TextDecoder().decode(plain));
}
