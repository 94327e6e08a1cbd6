/* Grouped bar charts of the supervision dashboard and bulletin pages.
 * Data comes from <script type="application/json" id="…"> (json_script) named by the container's
 * data-grouped-chart attribute; no inline script and no eval, so the page keeps script-src 'self'.
 * A bar with a link (data.links[i]) opens what it counts: the unit's own dashboard (region chart) or
 * the month's records (a unit's chart). data.stacked stacks the series (a unit's records per month
 * by record type: the whole bar is the month's total). */
(function () {
  "use strict";

  var COLOURS = ["#a61b1b", "#1f5fa6", "#3c8d40", "#b07d12", "#6b4c9a"];

  function render(container) {
    var source = document.getElementById(container.dataset.groupedChart);
    if (!source || typeof echarts === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var barsPerLabel = data.stacked ? 1.5 : data.series.length;
    container.style.height = Math.max(260, 30 * data.labels.length * barsPerLabel / 1.5 + 80) + "px";
    var chart = echarts.init(container, null, { renderer: "canvas" });
    // Bars grow in over a second unless the reader asked the system for less motion.
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    chart.setOption({
      animation: !reduceMotion,
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
      grid: { left: 8, right: 48, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, renderMode: "richText" },
      xAxis: { type: "value" },
      yAxis: { type: "category", data: data.labels, inverse: true, axisLabel: { width: 180, overflow: "truncate" } },
      series: data.series.map(function (series, index) {
        return {
          type: "bar",
          name: series.name,
          data: series.values,
          stack: data.stacked ? "total" : undefined,
          itemStyle: { color: COLOURS[index % COLOURS.length] },
          // A stacked bar is labelled inside each part, and an empty part not at all.
          label: data.stacked
            ? { show: true, position: "inside", formatter: function (p) { return p.value ? p.value : ""; } }
            : { show: true, position: "right" }
        };
      })
    });
    if (data.links && data.links.length) {
      chart.on("click", function (params) {
        var link = data.links[params.dataIndex];
        if (link) {
          window.location.href = link;
        }
      });
    }
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function init() {
    document.querySelectorAll("[data-grouped-chart]").forEach(render);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
