// The source view opens on the requested line: centred rather than at the very top, where the
// sticky header would hide the context above it, and focused so keyboard users start there.
(function () {
  "use strict";
  var target = document.querySelector(".src-line.is-target");
  if (!target) return;
  target.setAttribute("tabindex", "-1");
  target.scrollIntoView({ block: "center" });
  target.focus({ preventScroll: true });
})();
