// The user menu (UserMenu.razor) is a <details> the browser opens and closes; like a menu, it also closes when one of
// its choices is taken, on a click anywhere else, and on Escape (focus back on its button). Loaded once per page
// (App.razor), listening on the document, so it holds nothing per circuit and survives Blazor's re-renders.
const selector = "details.bp-user-menu";

document.addEventListener("click", (event) => {
    for (const menu of document.querySelectorAll(`${selector}[open]`)) {
        const inside = menu.contains(event.target);
        const summary = menu.querySelector("summary");
        if (!inside || (!summary.contains(event.target) && event.target.closest("button, a"))) {
            menu.open = false;
        }
    }
});

document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") {
        return;
    }
    for (const menu of document.querySelectorAll(`${selector}[open]`)) {
        menu.open = false;
        menu.querySelector("summary")?.focus();
    }
});
