// Entry point of the browser client of the pages still rendered statically (sign-in, users): it only marks that
// scripts run. The interactive pages are Blazor components; charts go through Charts/ApexChart.razor.js, which imports
// the ApexCharts bundle this build writes to wwwroot/lib. No TypeScript decides what a page says.
document.documentElement.classList.add("js");
