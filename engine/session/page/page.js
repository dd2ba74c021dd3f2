// SPDX-License-Identifier: GPL-3.0-or-later
// The page's behaviour: asks for the password, opens the box with overumDecrypt, shows the report, offers the JSON.
(function () {
  const $ = (id) => document.getElementById(id);
  const box = JSON.parse($("overum-box").textContent);
  $("unlock").hidden = false;
  if (!globalThis.crypto || !globalThis.crypto.subtle) {
    $("unlock").hidden = true;
    $("nocrypto").hidden = false;
    return;
  }
  $("unlock").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("wrong").hidden = true;
    $("busy").hidden = false;
    try {
      const opened = await overumDecrypt($("password").value, box);
      $("password").value = "";
      $("unlock").hidden = true;
      $("report").innerHTML = opened.report;  // built and escaped by Øverum, and authenticated by AES-GCM
      const link = $("download");
      link.href = URL.createObjectURL(new Blob([opened.json], {type: "application/json"}));
      link.hidden = false;
    } catch (e) {
      $("wrong").hidden = false;
    } finally {
      $("busy").hidden = true;
    }
  });
})();
