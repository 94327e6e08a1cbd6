/* Bar chart of officers per unit on the supervision overview.
 * Data comes from <script type="application/json" id="…"> (json_script), named by the container's
 * data-chart-source attribute; no inline script, so the page keeps script-src 'self'. */
(function () {
  "use strict";

  function render(container) {
    var source = document.getElementById(container.dataset.chartSource);
    if (!source || typeof echarts === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    // Horizontal bars: long Chinese unit names stay readable; the height follows the number of bars.
    container.style.height = Math.max(240, 28 * data.labels.length + 80) + "px";
    var chart = echarts.init(container, null, { renderer: "canvas" });
    chart.setOption({
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      // richText tooltips are drawn on the canvas: HTML tooltips would need inline style attributes.
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, renderMode: "richText" },
      xAxis: { type: "value", name: "人", minInterval: 1 },
      yAxis: { type: "category", data: data.labels, inverse: true, axisLabel: { width: 180, overflow: "truncate" } },
      series: [{
        type: "bar",
        name: "在岗执法人员",
        data: data.values,
        itemStyle: { color: "#a61b1b" },
        label: { show: true, position: "right" }
      }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function init() {
    document.querySelectorAll("[data-chart-source]").forEach(render);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
