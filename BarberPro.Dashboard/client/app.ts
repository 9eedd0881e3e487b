// Entry point of the browser client. Each feature module looks for its own root element and does nothing when the
// page has none, so one bundle serves every page.
import { startLive } from "./live/live";
import { startChecklists } from "./checklists/checklists";
import { startCostCharts } from "./costs/charts";

document.documentElement.classList.add("js");
startLive(document);
startChecklists(document);
startCostCharts(document);
