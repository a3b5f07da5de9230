// The check-in list without a reload: each Present/Absent form is posted in the background and the row
// updated. Without JavaScript (or when the request fails) the form posts normally and the page comes back
// at the same person (events.attendance_views).
const list = document.querySelector("[data-check-in]");
if (list && window.fetch) {
    const labels = { "1": list.dataset.present, "0": list.dataset.absent };
    list.addEventListener("submit", async (event) => {
        const form = event.target;
        const button = event.submitter;
        if (!form.classList.contains("check-in__form") || !button) return;
        event.preventDefault();
        const data = new FormData(form);
        data.set("present", button.value);
        try {
            const response = await fetch(form.action, {
                method: "POST",
                body: data,
                headers: { "X-Requested-With": "check-in" },
                credentials: "same-origin",
            });
            const answer = await response.json();
            const row = form.closest(".check-in__person");
            if (!response.ok) {
                row.querySelector("[data-state]").textContent = answer.error;
                return;
            }
            for (const other of form.querySelectorAll("button")) {
                other.setAttribute("aria-pressed", String(other === button));
            }
            row.classList.toggle("check-in__person--present", answer.present);
            row.classList.toggle("check-in__person--absent", !answer.present);
            row.querySelector("[data-state]").textContent = labels[button.value];
            const count = list.querySelectorAll(".check-in__person--present").length;
            const total = list.querySelectorAll(".check-in__person").length;
            const counter = list.querySelector("[data-check-in-count]");
            counter.textContent = list.dataset.countTemplate.replace("%(present)s", count).replace("%(total)s", total);
        } catch {
            form.submit();
        }
    });
}
