/* The award statistics charts (reports/awards.html, Chart.js vendored). Each chart box starts
   hidden; it is shown and drawn when Chart.js loaded, otherwise the figures' table opens. */
(function () {
  "use strict";
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var data = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
    if (!window.Chart) { canvas.closest("section").querySelector("details").open = true; return; }
    canvas.parentNode.hidden = false;
    var horizontal = canvas.dataset.horizontal === "1";
    new window.Chart(canvas, {type: "bar", data: {labels: data.labels, datasets: [
      {label: "Tập thể", data: data.collective, backgroundColor: "#9fb7d6"},
      {label: "Cá nhân", data: data.individual, backgroundColor: "#1d7a3d"}]},
      options: {indexAxis: horizontal ? "y" : "x", maintainAspectRatio: false, animation: false,
                scales: {x: {stacked: true, beginAtZero: true, ticks: {precision: 0}},
                         y: {stacked: true, beginAtZero: true, ticks: {precision: 0}}}}});
  });
})();
