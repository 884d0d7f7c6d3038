// Polls the report job's status every second and starts the download when the report is built
// (no inline script: the CSP allows only the system's own files).
(function () {
  "use strict";
  var panel = document.getElementById("report-progress");
  if (!panel || !window.fetch) { return; }
  var statusUrl = panel.getAttribute("data-status-url");
  var downloadUrl = panel.getAttribute("data-download-url");
  function show(selector, text) {
    var el = panel.querySelector(selector);
    if (el) { el.textContent = text; }
  }
  function poll() {
    fetch(statusUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        show("[data-percent]", job.percent);
        show("[data-seconds]", job.seconds.toFixed(1));
        var bar = panel.querySelector("[data-bar]");
        if (bar) { bar.value = job.percent; }
        if (job.error) { show("[data-stage]", "生成失败：" + job.error); return; }
        if (job.ready) {
          show("[data-stage]", "已完成");
          var link = panel.querySelector("[data-download]");
          if (link) { link.hidden = false; }
          if (downloadUrl) { window.location.href = downloadUrl; }
          return;
        }
        show("[data-stage]", "正在生成：" + job.stage);
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
