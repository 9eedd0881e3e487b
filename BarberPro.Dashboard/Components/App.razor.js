// Starts Blazor (App.razor loads blazor.web.js with autostart="false"; no inline script is allowed by the CSP).
// Reconnection: the dashboard restarts in seconds (a deploy, a crash), and a wall display must come back by itself,
// so retry every second for the first 10 attempts, then every 3 s, and never give up (ReconnectModal.razor.js
// reloads the page once the restarted server says it does not know the old circuit).
const fastAttempts = 10;

Blazor.start({
    circuit: {
        reconnectionOptions: {
            maxRetries: Number.MAX_SAFE_INTEGER,
            retryIntervalMilliseconds: (previousAttempts) => (previousAttempts < fastAttempts ? 1000 : 3000),
        },
    },
});

// The tab's title and icon of a live page in a circuit (Live/LiveTabHead.cs): the worst state, so a background tab
// tells when something breaks. The prerendered <link data-live-favicon> may be gone once the circuit owns the head.
window.barberProLiveHead = (title, icon) => {
    document.title = title;
    let link = document.head.querySelector("link[data-live-favicon-circuit]");
    if (!link) {
        link = document.createElement("link");
        link.rel = "icon";
        link.type = "image/svg+xml";
        link.dataset.liveFaviconCircuit = "";
        document.head.appendChild(link);
    }
    link.href = icon;
};
