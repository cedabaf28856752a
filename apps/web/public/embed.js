// Corridor embed loader for host pages: sizes every <iframe data-corridor-embed> to its chart's
// height, as the chart reports it through postMessage. Load once per page; safe to load twice.
(function () {
  if (window.__corridorEmbed) return;
  window.__corridorEmbed = true;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "corridor-embed:height" || typeof data.height !== "number") return;
    var frames = document.querySelectorAll("iframe[data-corridor-embed]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      // Only the frame that sent it, and only from the origin it was loaded from.
      if (frame.contentWindow !== event.source) continue;
      if (new URL(frame.src, location.href).origin !== event.origin) continue;
      frame.style.height = Math.max(120, Math.min(6000, Math.ceil(data.height))) + "px";
    }
  });
})();
