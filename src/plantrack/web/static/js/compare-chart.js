// Draws the comparison page's bar chart and map from the page's own data (the <script
// id="compare-data"> island, the JSON twin's "chart"). Boundaries come from the locally served
// GeoJSON named by the server (static/vendor/geo); nothing is fetched from outside.
(function () {
  "use strict";
  var island = document.getElementById("compare-data");
  if (!island) return;
  var data = JSON.parse(island.textContent);
  if (typeof window.echarts === "undefined") {
    var fb = document.querySelector(".chart-fallback");
    if (fb) fb.hidden = false;
    return;
  }
  var STATUS_COLORS = {
    "提前实现": "#1c7a3d", "快于预期": "#3a9d5d", "基本符合预期": "#1f5fa8", "滞后": "#c0392b",
    "无数据": "#b8c2cc", "需人工评估": "#d4a017"
  };
  var unit = data.unit || "";
  var font = window.getComputedStyle(document.body).fontFamily;
  var charts = [];
  var narrow = function (el) { return el.clientWidth < 480; };

  var barsEl = document.getElementById("compare-bars");
  if (barsEl) {
    var bars = window.echarts.init(barsEl, null, { renderer: "svg" });
    var labels = data.bars.map(function (b) { return b.label; });
    bars.setOption({
      animation: false,
      textStyle: { fontFamily: font },
      legend: { bottom: 0 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      // Horizontal bars: region names read along the axis without rotating or overlapping, at any width.
      grid: { left: 8, right: 24, top: 24, bottom: 40, containLabel: true },
      xAxis: { type: "value", name: unit, scale: false },
      yAxis: { type: "category", data: labels, inverse: true,
               axisLabel: { width: narrow(barsEl) ? 84 : 160, overflow: "truncate" } },
      series: [
        { name: "目标值", type: "bar", color: "#8a96a3", data: data.bars.map(function (b) { return b.target; }) },
        { name: "最新值", type: "bar", data: data.bars.map(function (b) {
            return { value: b.latest, itemStyle: { color: STATUS_COLORS[b.status] || "#1757a6" } }; }) }
      ]
    });
    charts.push(bars);
  }

  var mapEl = document.getElementById("compare-map");
  if (mapEl && data.map && data.map.url) {
    fetch(data.map.url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (geo) {
      var names = geo.features.map(function (f) { return f.properties.name; });
      // The package names provinces short (山西) and cities in full (运城市): match either way.
      var feature = function (full) {
        return names.filter(function (n) { return n === full || full.indexOf(n) === 0; })[0];
      };
      window.echarts.registerMap(data.map.name, geo);
      var items = data.map.areas_data.map(function (a) {
        var name = feature(a.area);
        return name ? { name: name, value: a.value, status: a.status, region: a.name,
                        itemStyle: { areaColor: STATUS_COLORS[a.status] || "#b8c2cc" } } : null;
      }).filter(Boolean);
      var map = window.echarts.init(mapEl, null, { renderer: "svg" });
      map.setOption({
        animation: false,
        textStyle: { fontFamily: font },
        tooltip: { trigger: "item", formatter: function (p) {
          var d = p.data;
          if (!d) return p.name;
          var v = d.value === null || d.value === undefined ? "无数据" : d.value + unit;
          return [d.region, v, d.status].join("<br>").replace(/[&<>]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;" }[c]; });
        } },
        series: [{ type: "map", map: data.map.name, roam: false, data: items, layoutCenter: ["50%", "50%"], layoutSize: "96%",
                   label: { show: !narrow(mapEl), fontSize: 10 },
                   itemStyle: { areaColor: "#eef1f4", borderColor: "#8a96a3" } }]
      });
      mapEl.setAttribute("data-drawn", String(items.length));
      charts.push(map);
    }).catch(function () {
      mapEl.hidden = true;
      var fb = document.querySelector(".chart-fallback");
      if (fb) fb.hidden = false;
    });
  }
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
