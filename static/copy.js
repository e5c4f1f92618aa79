// Copy buttons for the packets. Without JavaScript (or without a clipboard) the buttons stay
// hidden and the packet text stays selectable. No inline script: the CSP forbids it.
"use strict";

function showCopyButtons(root) {
  if (!navigator.clipboard) return;
  root.querySelectorAll("button.copy[data-copy]").forEach((button) => {
    button.hidden = false;
  });
}

document.addEventListener("click", async (event) => {
  const button = event.target.closest("button.copy[data-copy]");
  if (!button) return;
  const block = document.getElementById(button.dataset.copy);
  if (!block) return;
  await navigator.clipboard.writeText(block.textContent);
  button.textContent = button.dataset.copied;
});

document.addEventListener("DOMContentLoaded", () => showCopyButtons(document));
document.addEventListener("htmx:afterSwap", (event) => showCopyButtons(event.target));
