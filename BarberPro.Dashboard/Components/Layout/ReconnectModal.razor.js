// The reconnect dialog (ReconnectModal.razor). blazor.web.js raises components-reconnect-state-changed on it:
//   show      the socket dropped: say "Reconnecting…" while it retries (App.razor.js: every 1 s, then every 3 s, forever)
//   retrying  an attempt failed; the next comes in a few seconds
//   hide      reconnected to the same circuit
//   failed    it stopped retrying (cannot happen with our retry policy, but a sleeping laptop can make it): offer Reload,
//             and retry when the tab becomes visible again
//   rejected  the server answered but has no such circuit (it restarted, or the circuit expired): reload by itself
// A session that ended while the page was offline (signed out elsewhere, user disabled, password reset) makes every
// attempt fail for ever: the circuit's endpoint answers with the sign-in page, not a connection. So after each failed
// attempt the page asks the server for itself, without following redirects: a redirect (to the sign-in page) or a 401
// means the session is over, and the page reloads, which shows the sign-in page. No answer (still offline, the server
// restarting) or the page itself (the session is fine) means: keep retrying.
const modal = document.getElementById("components-reconnect-modal");
modal.addEventListener("components-reconnect-state-changed", onStateChanged);
document.getElementById("components-reconnect-button").addEventListener("click", () => location.reload());

let checkedAttempt = 0;

function onStateChanged(event) {
    const state = event.detail.state;
    modal.dataset.state = state;
    if (state === "show" || state === "retrying") {
        if (!modal.open) {
            modal.showModal();
        }
        // "retrying" comes every second of the wait, with the number of the attempt that failed: check once per attempt.
        if (state === "retrying" && event.detail.currentAttempt > checkedAttempt) {
            checkedAttempt = event.detail.currentAttempt;
            reloadIfSessionEnded();
        }
    } else if (state === "hide") {
        checkedAttempt = 0;
        modal.close();
    } else if (state === "failed") {
        reloadIfSessionEnded();
        document.addEventListener("visibilitychange", retryWhenVisible);
    } else if (state === "rejected") {
        location.reload();
    }
}

/** True when the server's answer to a request for this page says the session is over. */
function sessionEnded(response) {
    // fetch with redirect: "manual" hides a redirect's status and target: the response is "opaqueredirect".
    return response.type === "opaqueredirect" || response.status === 401;
}

let checking = false;

async function reloadIfSessionEnded() {
    if (checking) {
        return;
    }
    checking = true;
    try {
        const response = await fetch(location.href, {
            method: "GET",
            redirect: "manual",
            cache: "no-store",
            credentials: "same-origin",
        });
        response.body?.cancel();
        if (sessionEnded(response)) {
            modal.dataset.sessionEnded = "true";
            location.reload();
        }
    } catch {
        // No answer: still offline, or the server is restarting. The next failed attempt checks again.
    } finally {
        checking = false;
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
