/* Charts of the reconsideration statistics page. Data comes from a json_script element (no inline
 * script, so the page keeps script-src 'self'); ECharts is vendored under static/vendor. */
(function () {
  "use strict";

  function render(container) {
    var source = document.getElementById(container.dataset.chartData);
    if (!source || typeof echarts === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    container.style.height = "320px";
    var chart = echarts.init(container, null, { renderer: "canvas" });
    var font = { fontFamily: getComputedStyle(document.body).fontFamily };
    if (container.dataset.reconChart === "units") {
      chart.setOption({
        textStyle: font,
        tooltip: { trigger: "axis", renderMode: "richText" },
        // The legend sits above the plot, in its own band: at the bottom it covered the last bar.
        legend: { data: ["收到", "纠错"], top: 0, left: "center" },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", data: data.units, inverse: true, axisLabel: { width: 160, overflow: "truncate" } },
        series: [
          { type: "bar", name: "收到", data: data.received, itemStyle: { color: "#a61b1b" } },
          { type: "bar", name: "纠错", data: data.corrections, itemStyle: { color: "#d4a017" } }
        ]
      });
    } else {
      chart.setOption({
        textStyle: font,
        tooltip: { trigger: "item", renderMode: "richText" },
        // A smaller ring leaves room beside it for whole category names (they wrap instead of "不履行法定…").
        series: [{
          type: "pie", radius: ["28%", "52%"], data: data.categories,
          label: { formatter: "{b}：{c}", width: 84, overflow: "break", lineHeight: 14 },
          labelLine: { length: 8, length2: 6 }
        }]
      });
    }
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function init() {
    document.querySelectorAll("[data-recon-chart]").forEach(render);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
