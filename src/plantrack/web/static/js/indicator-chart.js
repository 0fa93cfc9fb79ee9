// Draws an indicator's chart from the page's own data (the <script id="chart-data"> island, the
// same object the JSON twin returns as "chart"). Nothing is computed here: the expected path,
// base and target come from the server, as the assessment used them.
(function () {
  "use strict";
  var holder = document.getElementById("indicator-chart");
  var island = document.getElementById("chart-data");
  if (!holder || !island) return;
  var data = JSON.parse(island.textContent);
  if (typeof window.echarts === "undefined") {
    holder.hidden = true;
    var fb = document.querySelector(".chart-fallback");
    if (fb) fb.hidden = false;
    return;
  }
  var unit = data.unit || "";
  var fmt = function (v) {
    if (v === null || v === undefined) return "—";
    var n = Math.round(v * 100) / 100;
    return String(n) + unit;
  };
  var years = [];
  var series = [];
  var palette = ["#1757a6", "#7b3fa0", "#0f7d6b", "#a45f00"];

  // Full-year values are joined by a line; a partial-year value (1-10月 …) stands apart, hollow,
  // because joining it would draw a trend the data do not show.
  var partial = [];
  (data.observations || []).forEach(function (s, i) {
    var color = palette[i % palette.length];
    var full = [];
    s.points.forEach(function (p) {
      years.push(p.year);
      var point = { value: [p.year, p.value], note: p.note, source: p.source };
      (p.partial ? partial : full).push(point);
    });
    series.push({
      name: s.name === "观测值" ? "实际值" : "实际值（口径：" + s.name + "）",
      type: "line", color: color, symbol: "circle", symbolSize: 9, lineStyle: { width: 2.5 }, data: full
    });
  });
  if (partial.length) {
    series.push({
      name: "非全年数据", type: "scatter", symbol: "emptyCircle", symbolSize: 11, color: "#a45f00", data: partial
    });
  }
  if ((data.reviews || []).length) {
    series.push({
      name: "上期规划实施情况", type: "scatter", symbol: "diamond", symbolSize: 12, color: "#6b7683",
      data: data.reviews.map(function (r) { years.push(r.year); return { value: [r.year, r.value] }; })
    });
  }
  if (data.expected_path && data.expected_path.points.length) {
    series.push({
      name: data.expected_path.label, type: "line", color: "#b3261e", symbol: "none",
      lineStyle: { type: "dashed", width: 2 },
      data: data.expected_path.points.map(function (p) { years.push(p[0]); return [p[0], p[1]]; })
    });
  }
  if (data.base) {
    years.push(data.base.year);
    series.push({
      name: "基期值", type: "scatter", symbol: "rect", symbolSize: 12, color: "#3f4b59",
      label: { show: true, position: "bottom", formatter: function (p) { return "基期 " + fmt(p.value[1]); } },
      data: [[data.base.year, data.base.value]]
    });
  }
  if (data.target) {
    years.push(data.target.year);
    series.push({
      name: "目标值", type: "scatter", symbol: "triangle", symbolSize: 15, color: "#b3261e",
      label: { show: true, position: "top", formatter: function () { return "目标 " + (data.target.text || fmt(data.target.value)); } },
      data: [[data.target.year, data.target.value]]
    });
  }
  if (data.year) years.push(data.year);
  var minYear = Math.min.apply(null, years), maxYear = Math.max.apply(null, years);
  if (series.length && data.year) {
    // The evaluated year, unlabelled: the caption under the chart names it, and a label here
    // would collide with the target's or a point's.
    series[0].markLine = {
      silent: true, symbol: "none", label: { show: false },
      lineStyle: { color: "#5b6773", type: "dotted", width: 1.5 },
      data: [{ xAxis: data.year }]
    };
  }
  var narrow = holder.clientWidth < 480;
  var chart = window.echarts.init(holder, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    // The page's own font, named: ECharts measures text with it, and "inherit" would measure
    // Chinese in a fallback font and clip the legend.
    textStyle: { fontFamily: window.getComputedStyle(document.body).fontFamily },
    grid: { left: narrow ? 44 : 56, right: narrow ? 16 : 28, top: 40, bottom: narrow ? 96 : 84 },
    legend: { bottom: 0, left: "center", itemGap: narrow ? 8 : 14 },
    tooltip: {
      trigger: "item",
      formatter: function (p) {
        var d = p.data || {};
        var v = Array.isArray(d) ? d : d.value;
        var lines = [p.seriesName, v[0] + " 年：" + fmt(v[1])];
        if (d.note) lines.push(d.note);
        if (d.source) lines.push("来源：" + d.source);
        return lines.map(function (t) { return String(t).replace(/[&<>]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;" }[c]; }); }).join("<br>");
      }
    },
    xAxis: { type: "value", min: isFinite(minYear) ? minYear - 0.5 : null, max: isFinite(maxYear) ? maxYear + 0.5 : null,
             minInterval: 1, axisLabel: {
               // on a phone "2019年2020年…" runs together: years alone, and labels that would overlap are dropped
               hideOverlap: true,
               formatter: function (v) { return Number.isInteger(v) ? (narrow ? String(v) : v + "年") : ""; } } },
    yAxis: {
      type: "value", scale: true, name: unit, nameTextStyle: { align: "left" },
      boundaryGap: ["6%", "10%"],
      axisLabel: { formatter: function (v) { return Math.round(v * 100) / 100; } }
    },
    series: series
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
