// The reconnect dialog (ReconnectModal.razor). blazor.web.js raises components-reconnect-state-changed on it:
//   show      the socket dropped: say "Reconnecting…" while it retries (App.razor.js: every 1 s, then every 3 s, forever)
//   hide      reconnected to the same circuit
//   failed    it stopped retrying (cannot happen with our retry policy, but a sleeping laptop can make it): offer Reload,
//             and retry when the tab becomes visible again
//   rejected  the server answered but has no such circuit (it restarted, or the circuit expired): reload by itself
const modal = document.getElementById("components-reconnect-modal");
modal.addEventListener("components-reconnect-state-changed", onStateChanged);
document.getElementById("components-reconnect-button").addEventListener("click", () => location.reload());

function onStateChanged(event) {
    const state = event.detail.state;
    modal.dataset.state = state;
    if (state === "show" || state === "retrying") {
        if (!modal.open) {
            modal.showModal();
        }
    } else if (state === "hide") {
        modal.close();
    } else if (state === "failed") {
        document.addEventListener("visibilitychange", retryWhenVisible);
    } else if (state === "rejected") {
        location.reload();
    }
}

async function retryWhenVisible() {
    if (document.visibilityState !== "visible") {
        return;
    }
    document.removeEventListener("visibilitychange", retryWhenVisible);
    try {
        // true: back on the same circuit; false: the server is there but the circuit is gone, so start afresh.
        if (!(await Blazor.reconnect())) {
            location.reload();
        }
    } catch {
        document.addEventListener("visibilitychange", retryWhenVisible);
    }
}
