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
  // A write of the section is in flight: its answer brings the section, newer than this.
  if (section.querySelector(".htmx-request:not([data-hx-trigger*='sse:'])")) {
    event.preventDefault();
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

// A write aborts a refresh the stream asked for that is still in flight in its section: that
// refresh may have read the section before the write, and must not be swapped in after it.
document.addEventListener("htmx:beforeRequest", function (event) {
  var config = event.detail && event.detail.requestConfig;
  var trigger = config && config.triggeringEvent;
  if (trigger && String(trigger.type).indexOf("sse:") === 0) {
    return;
  }
  var section = event.target.closest && event.target.closest("section");
  if (!section) {
    return;
  }
  var refreshes = section.querySelectorAll("[data-hx-trigger*='sse:'].htmx-request");
  for (var i = 0; i < refreshes.length; i++) {
    if (refreshes[i] !== event.target) {
      htmx.trigger(refreshes[i], "htmx:abort");
    }
  }
});
