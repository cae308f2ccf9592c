// Source viewer: bring the cited passage to the middle of the screen and give it focus.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var mark = document.getElementById("passage");
  if (!mark) {
    return;
  }
  mark.scrollIntoView({ block: "center" });
  mark.focus({ preventScroll: true });
});
