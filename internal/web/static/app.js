// crosswire: small progressive enhancements. Every page reads fine without
// this file; it only adds the plain-text/diff switch on quote tables.
(function () {
  "use strict";
  document.querySelectorAll("button.toggle-diff").forEach(function (btn) {
    var section = btn.closest("section");
    if (!section) return;
    btn.hidden = false;
    btn.addEventListener("click", function () {
      var plain = section.classList.toggle("quotes-plain");
      btn.textContent = plain ? "Show word changes" : "Show plain text";
    });
  });
})();
