// Draws every element with data-chart: expected path, observations (illustrative ones marked), projection.
(function () {
  "use strict";
  var charts = [];
  function draw(el) {
    // The series come from the core (planwatch.evaluate.service.chart_series); nothing is computed here.
    var data = JSON.parse(el.getAttribute("data-chart"));
    if (!data.years) { el.textContent = "暂无图表数据"; return; }
    data.expected = data.expected || []; data.projection = data.projection || [];
    data.observed = data.observed || {}; data.standards = data.standards || [];
    var series = [];
    if (data.expected.length) {
      series.push({ name: "预期路径", type: "line", data: data.expected, symbol: "none",
        lineStyle: { type: "dashed", color: "#7f8c8d" }, itemStyle: { color: "#7f8c8d" } });
    }
    Object.keys(data.observed).forEach(function (name) {
      var points = data.observed[name].map(function (p) {
        // Official values are filled dots; illustrative ones (示例数据) hollow.
        return { value: [p[0], p[1]], symbol: p[2] ? "emptyCircle" : "circle" };
      });
      series.push({ name: name, type: "line", data: points, symbolSize: 7, showAllSymbol: true,
        lineStyle: { width: 2 } });
    });
    if (data.projection.length) {
      series.push({ name: "趋势外推", type: "line", data: data.projection, symbol: "emptyCircle",
        lineStyle: { type: "dotted", color: "#c0392b" }, itemStyle: { color: "#c0392b" } });
    }
    if (data.target !== null && data.target !== undefined && !data.expected.length && !data.standards.length) {
      series.push({ name: "目标", type: "line", data: [], markLine: { silent: true, symbol: "none",
        lineStyle: { color: "#1e8449" }, label: { formatter: "目标 {c}" }, data: [{ yAxis: data.target }] } });
    }
    if (data.standards.length) {
      series.push({ name: "国家标准", type: "line", data: [], markLine: { silent: true, symbol: "none",
        lineStyle: { color: "#1e8449", type: "dashed" }, label: { formatter: "{b} {c}" },
        data: data.standards.map(function (s) { return { name: s.name, yAxis: s.value }; }) } });
    }
    var hollow = Object.keys(data.observed).some(function (name) {
      return data.observed[name].some(function (p) { return p[2]; });
    });
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      grid: { left: 48, right: 16, top: 30, bottom: hollow ? 40 : 24 },
      graphic: hollow ? [{ type: "text", right: 8, bottom: 4, style: { text: "空心点为示例数据", fill: "#a04000", fontSize: 11 } }] : [],
      legend: { top: 0, right: 4, textStyle: { fontSize: 11 }, itemWidth: 16 },
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v === undefined ? "" : v + " " + (data.unit || ""); } },
      xAxis: { type: "category", data: data.years, boundaryGap: false, axisLabel: { hideOverlap: true } },
      // With many series the legend needs the room; the unit is also in the card's heading.
      yAxis: { type: "value", scale: true, name: series.length > 3 ? "" : (data.unit || ""), nameTextStyle: { fontSize: 11 } },
      series: series
    });
    charts.push(chart);
  }
  function start() {
    if (typeof echarts === "undefined") { return; }
    var nodes = document.querySelectorAll("[data-chart]");
    for (var i = 0; i < nodes.length; i++) {
      try { draw(nodes[i]); } catch (e) { nodes[i].textContent = "图表无法显示：" + e.message; }
    }
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
