/* The targets report's chart (Chart.js, vendored). The plain bars are shown by default; they give
   way to the chart only when Chart.js loaded and there is something to draw. */
(function () {
  "use strict";
  var source = document.getElementById("targets-data");
  var canvas = document.getElementById("targets-chart");
  if (!source || !canvas || !window.Chart) return;
  var data = JSON.parse(source.textContent);
  if (!data.labels.length) return;
  canvas.parentNode.hidden = false;
  document.getElementById("targets-bars").hidden = true;
  new window.Chart(canvas, {type: "bar", data: {labels: data.labels, datasets: [
    {label: "Đăng ký", data: data.registered, backgroundColor: "#9fb7d6"},
    {label: "Đạt", data: data.achieved, backgroundColor: "#1d7a3d"}]},
    options: {maintainAspectRatio: false, animation: false, scales: {y: {beginAtZero: true, ticks: {precision: 0}}},
              plugins: {legend: {display: false}}}});
})();
