// Entry point of the browser client of the static pages issue 10 moves (costs; the checklists are Blazor components now). Each feature module looks
// for its own root element and does nothing when the page has none. The live screens are Blazor components: no
// TypeScript decides what a tile says.
import { startCostCharts } from "./costs/charts";

document.documentElement.classList.add("js");
startCostCharts(document);
