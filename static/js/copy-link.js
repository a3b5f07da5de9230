// "Copy link" button for the share box. Without JavaScript (or without the
// Clipboard API) the button stays hidden and the read-only field holds the link.
for (const box of document.querySelectorAll("[data-copy-link]")) {
    const input = box.querySelector("input");
    const button = box.querySelector("button");
    const status = box.querySelector("[role=status]");
    if (!input || !button || !navigator.clipboard) continue;
    button.hidden = false;
    input.addEventListener("focus", () => input.select());
    button.addEventListener("click", async () => {
        try {
            await navigator.clipboard.writeText(input.value);
            status.textContent = box.dataset.copied;
        } catch {
            input.focus();
            status.textContent = box.dataset.failed;
        }
    });
}
