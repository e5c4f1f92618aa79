// The live console (see src/web/live.rs): a section refreshed by a server-sent event keeps what
// the viewer is typing. A refresh triggered by the stream of a section holding a field the
// viewer has changed, or is in, is skipped; the section is marked stale, and its refresh link
// brings the new state when they are ready.
document.addEventListener("htmx:confirm", function (event) {
  var trigger = event.detail && event.detail.triggeringEvent;
  if (!trigger || String(trigger.type).indexOf("sse:") !== 0) {
    return;
  }
  var section = event.target.closest("section");
  if (!section) {
    return;
  }
  var fields = section.querySelectorAll("input, textarea");
  for (var i = 0; i < fields.length; i++) {
    var field = fields[i];
    var changed = field.type === "checkbox" || field.type === "radio"
      ? field.checked !== field.defaultChecked
      : field.type !== "hidden" && field.value !== field.defaultValue;
    if (changed || field === document.activeElement) {
      event.preventDefault();
      section.classList.add("stale");
      return;
    }
  }
});

// A page leaving for the back-forward cache closes its event stream: kept open, streams of
// pages no one sees would take the browser's few connections to the console (six, over
// HTTP/1.1) and stall the pages that are open. Back from the cache, the page is stale:
// it loads again.
var liveSource = null;
document.addEventListener("htmx:sseOpen", function (event) {
  liveSource = event.detail && event.detail.source;
});
window.addEventListener("pagehide", function (event) {
  if (event.persisted && liveSource) {
    liveSource.close();
    liveSource = null;
  }
});
window.addEventListener("pageshow", function (event) {
  if (event.persisted && document.body.hasAttribute("data-sse-connect")) {
    window.location.reload();
  }
});
