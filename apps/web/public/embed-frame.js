// Runs inside a Corridor embed: redraws the chart at the iframe's real width (in 40-px steps, so
// the server's cache keeps up) and tells the host page's /embed.js how tall the content is.
(function () {
  var figure = document.getElementById("chart");
  if (!figure) return;
  var drawn = Number(figure.getAttribute("data-width")) || 960;
  var fragment = figure.getAttribute("data-fragment");
  function report() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (window.parent !== window) window.parent.postMessage({ type: "corridor-embed:height", height: height }, "*");
  }
  function fit() {
    var width = Math.max(280, Math.min(2400, Math.round(figure.clientWidth / 40) * 40));
    if (!fragment || Math.abs(width - drawn) / drawn < 0.1) return report();
    drawn = width;
    fetch(fragment + "&width=" + width)
      .then(function (r) {
        return r.ok ? r.text() : Promise.reject(r.status);
      })
      .then(function (svg) {
        figure.innerHTML = svg;
        report();
      })
      .catch(report);
  }
  var timer;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(fit, 150);
  });
  fit();
})();
